package io.switchboard.workspace.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BranchNamesTest {

    private static final String CHAT = "3f2a9c01-7b4e-4d2a-9c1e-5b6a7d8e9f00";

    @Test
    void aTitleBecomesLowerCaseWordsJoinedByDashesBeforeTheShortId() {
        assertThat(BranchNames.name("switchboard/", CHAT, "Fix the Login page!"))
                .isEqualTo("switchboard/fix-the-login-page-3f2a9c017b4e");
    }

    @Test
    void accentsAreDroppedAndOtherScriptsLeaveNothing() {
        assertThat(BranchNames.slug("Café crème brûlée")).isEqualTo("cafe-creme-brulee");
        assertThat(BranchNames.slug("日本語のチャット")).isEqualTo(BranchNames.UNTITLED);
        assertThat(BranchNames.slug("Rocket 🚀 launch")).isEqualTo("rocket-launch");
        assertThat(BranchNames.slug("ﬁle ①")).isEqualTo("file-1");
    }

    @Test
    void longTitlesAreCutWithoutLeavingADash() {
        String slug = BranchNames.slug("word ".repeat(30));
        assertThat(slug).hasSizeLessThanOrEqualTo(BranchNames.MAX_SLUG_LENGTH).doesNotEndWith("-").startsWith("word-");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "../../etc/passwd", "--upload-pack=touch x", "refs/heads/main", "a..b", "x.lock",
            "@{-1}", "HEAD", "name~1^2:3?*[", "back\\slash", "tab\there", "nul\u0000char", "lone \ud800 surrogate",
            "\u202eright-to-left", "...", "-", "/", ".hidden"})
    void noTitleMakesARefGitRefusesOrOneThatEscapesThePrefix(String title) {
        String branch = BranchNames.name("switchboard/", CHAT, title);

        assertThat(Repository.isValidRefName(Constants.R_HEADS + branch)).as(branch).isTrue();
        assertThat(branch).startsWith("switchboard/").endsWith("-3f2a9c017b4e")
                .matches("switchboard/[a-z0-9]+(-[a-z0-9]+)*");
    }

    @Test
    void theSameChatAndTitleAlwaysGiveTheSameNameAndChatsWithOneTitleDiffer() {
        String other = UUID.randomUUID().toString();

        assertThat(BranchNames.name("switchboard/", CHAT, "Plan")).isEqualTo(BranchNames.name("switchboard/", CHAT,
                "Plan"));
        assertThat(BranchNames.name("switchboard/", other, "Plan")).isNotEqualTo(BranchNames.name("switchboard/",
                CHAT, "Plan"));
    }

    @Test
    void aPrefixGitRefusesIsAConfigurationErrorNamedAsSuch() {
        assertThatThrownBy(() -> BranchNames.name("bad..prefix/", CHAT, "Plan"))
                .isInstanceOf(GitFailure.class).hasMessageContaining("switchboard.workspace.branch-prefix");
    }
}
