package io.switchboard.events.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextRulesTest {

    @Test
    void acceptsEveryScriptAndTheThreeWhitespaceControls() {
        assertThat(TextRules.problem("Grüße, 你好, مرحبا, 👋🏽\tline\r\nnext")).isEmpty();
        assertThat(TextRules.problem("")).isEmpty();
        assertThat(TextRules.problem(null)).isEmpty();
    }

    @Test
    void namesNulControlsAndUnpairedSurrogates() {
        assertThat(TextRules.problem("a\u0000b")).hasValueSatisfying(p -> assertThat(p).contains("NUL", "index 1"));
        assertThat(TextRules.problem("bell\u0007")).hasValueSatisfying(p -> assertThat(p).contains("U+0007"));
        assertThat(TextRules.problem("del\u007f")).hasValueSatisfying(p -> assertThat(p).contains("U+007F"));
        assertThat(TextRules.problem("c1\u0085")).hasValueSatisfying(p -> assertThat(p).contains("U+0085"));
        assertThat(TextRules.problem("high\uD83D")).hasValueSatisfying(p -> assertThat(p).contains("unpaired"));
        assertThat(TextRules.problem("\uDC4Blow")).hasValueSatisfying(p -> assertThat(p).contains("index 0"));
        assertThat(TextRules.problem("\uDC4B\uD83D")).isPresent();
    }

    @Test
    void sanitizeDropsControlsAndReplacesLoneSurrogates() {
        assertThat(TextRules.sanitize("a\u0000b\u001b[0m\tc")).isEqualTo("ab[0m\tc");
        assertThat(TextRules.sanitize("x\uD83Dy👋")).isEqualTo("x\uFFFDy👋");
        String clean = "already clean";
        assertThat(TextRules.sanitize(clean)).isSameAs(clean);
    }

    @Test
    void countsCodePointsLikePostgres() {
        assertThat(TextRules.codePoints("👋👋")).isEqualTo(2);
        assertThat("👋👋".length()).isEqualTo(4);
        assertThat(TextRules.codePoints("abc")).isEqualTo(3);
    }
}
