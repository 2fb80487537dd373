package io.switchboard.events.text;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A text a client may send: clean by {@link io.switchboard.events.text.TextRules} (no NUL, no unpaired
 * surrogate, no control character but tab, CR and LF) and at most {@link #max()} Unicode code points, counted
 * as PostgreSQL counts them. Null is valid; combine with {@code @NotBlank} where the text is required.
 */
@Documented
@Constraint(validatedBy = SafeTextValidator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface SafeText {

    String message() default "must be clean text";

    /** Longest text in code points. */
    int max() default Integer.MAX_VALUE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
