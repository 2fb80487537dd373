package io.switchboard.workspace.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.switchboard.workspace.config.WorkspaceConfig;

/**
 * Seals access tokens for the database with AES-GCM, under a key the database never holds: a dump of the database
 * alone reveals no token, and a sealed token altered there fails to open instead of yielding another.
 */
@ApplicationScoped
public class TokenSeal {

    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String KEY_FILE = ".token-key";

    private final WorkspaceConfig config;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKey key;

    public TokenSeal(WorkspaceConfig config) {
        this.config = config;
    }

    public String seal(String token) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            byte[] whole = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, whole, 0, nonce.length);
            System.arraycopy(sealed, 0, whole, nonce.length, sealed.length);
            return VERSION + Base64.getEncoder().encodeToString(whole);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal a token", e);
        }
    }

    /** The token; {@link IllegalStateException} when it was sealed under another key or altered. */
    public String open(String sealed) {
        if (!sealed.startsWith(VERSION)) {
            throw new IllegalStateException("Not a sealed token");
        }
        try {
            byte[] whole = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, whole, 0, NONCE_BYTES));
            return new String(cipher.doFinal(whole, NONCE_BYTES, whole.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The sealed token does not open under this key", e);
        }
    }

    private SecretKey key() {
        SecretKey current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = config.github().tokenKey().map(TokenSeal::decode).orElseGet(this::keyFile);
                }
                current = key;
            }
        }
        return current;
    }

    private static SecretKey decode(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64.trim());
        if (bytes.length != 32) {
            throw new IllegalStateException("switchboard.workspace.github.token-key must be 32 bytes in base64");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /*
     * Replicas sharing a data volume must share the key: the first to need one creates the file, atomically, and
     * every other reads it.
     */
    private SecretKey keyFile() {
        Path file = config.dataDir().resolve(KEY_FILE);
        try {
            Files.createDirectories(config.dataDir());
            if (!Files.exists(file)) {
                KeyGenerator generator = KeyGenerator.getInstance("AES");
                generator.init(256, random);
                Path draft = Files.createTempFile(config.dataDir(), KEY_FILE, ".new");
                restrict(draft);
                Files.writeString(draft, Base64.getEncoder().encodeToString(generator.generateKey().getEncoded()));
                try {
                    Files.createLink(file, draft);
                    Log.infof("Created the token key file %s", file);
                } catch (FileAlreadyExistsException e) {
                    // another replica was first: its key is the one
                } finally {
                    Files.delete(draft);
                }
            }
            return decode(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own permissions apply
        }
    }
}
