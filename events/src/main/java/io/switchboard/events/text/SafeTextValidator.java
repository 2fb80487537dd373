package io.switchboard.events.text;

import java.util.Optional;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link SafeText}; the violation says what is wrong (which character, where, or how long). */
public class SafeTextValidator implements ConstraintValidator<SafeText, String> {

    private int max;

    @Override
    public void initialize(SafeText annotation) {
        max = annotation.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        Optional<String> problem = TextRules.problem(value);
        if (problem.isEmpty() && TextRules.codePoints(value) > max) {
            problem = Optional.of("must be at most " + max + " characters");
        }
        if (problem.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        // The text is ours, but escape it anyway: a message template would interpret braces.
        context.buildConstraintViolationWithTemplate(problem.get().replace("{", "\\{").replace("$", "\\$"))
                .addConstraintViolation();
        return false;
    }
}
