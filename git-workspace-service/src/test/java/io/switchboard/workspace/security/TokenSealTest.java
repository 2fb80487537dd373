package io.switchboard.workspace.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.workspace.config.WorkspaceConfig;

/** Tokens sealed for the database: opened only under the same key, never readable, altered ones refused. */
class TokenSealTest {

    private static final String TOKEN = "test-token-valid-nowhere";

    @TempDir
    Path dataDir;

    @Test
    void aSealedTokenOpensUnderItsKeyAndShowsNothingOfIt() {
        TokenSeal seal = new TokenSeal(config(dataDir, Optional.empty()));
        String first = seal.seal(TOKEN);
        String second = seal.seal(TOKEN);
        assertThat(first).startsWith("v1:").doesNotContain(TOKEN).isNotEqualTo(second);
        assertThat(seal.open(first)).isEqualTo(TOKEN);
        assertThat(seal.open(second)).isEqualTo(TOKEN);
    }

    @Test
    void replicasSharingTheDataDirectoryShareTheKeyFileWhichOnlyTheServiceMayRead() throws Exception {
        String sealed = new TokenSeal(config(dataDir, Optional.empty())).seal(TOKEN);
        Path keyFile = dataDir.resolve(".token-key");
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(new TokenSeal(config(dataDir, Optional.empty())).open(sealed)).isEqualTo(TOKEN);
        try (var left = Files.list(dataDir)) {
            assertThat(left).containsExactly(keyFile);
        }
    }

    @Test
    void anAlteredTokenOrAnotherKeyDoesNotOpen() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        TokenSeal configured = new TokenSeal(config(dataDir, Optional.of(key)));
        String sealed = configured.seal(TOKEN);
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        String altered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> configured.open(altered)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> configured.open("plain-text")).isInstanceOf(IllegalStateException.class);
        TokenSeal otherKey = new TokenSeal(config(dataDir, Optional.empty()));
        assertThatThrownBy(() -> otherKey.open(sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new TokenSeal(config(dataDir, Optional.of("c2hvcnQ="))).seal(TOKEN))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
    }

    /** The two settings the seal reads; any other is not expected to be asked for. */
    private static WorkspaceConfig config(Path dataDir, Optional<String> tokenKey) {
        WorkspaceConfig.GitHub github = (WorkspaceConfig.GitHub) Proxy.newProxyInstance(
                TokenSealTest.class.getClassLoader(), new Class<?>[] {WorkspaceConfig.GitHub.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("tokenKey")) {
                        return tokenKey;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (WorkspaceConfig) Proxy.newProxyInstance(TokenSealTest.class.getClassLoader(),
                new Class<?>[] {WorkspaceConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "dataDir" -> dataDir;
                    case "github" -> github;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
