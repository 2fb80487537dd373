package io.switchboard.infra.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The RSA key pair of the local bearer-token mode: it signs RS256 tokens, and services verify
 * them with {@code quarkus.oidc.public-key=}{@link #publicKeyBase64()}. Plain
 * {@code java.security}, so it works the same in any class loader and outside CDI.
 */
public final class LocalKeys {

    /** Audience of every user token: the Switchboard API. Service tokens name one service instead. */
    public static final String USER_AUDIENCE = "switchboard";
    public static final String PRIVATE_KEY_FILE = "signing-key.pem";
    public static final String PUBLIC_KEY_FILE = "signing-key.pub.pem";

    private static final int KEY_BITS = 2048;
    private static final String PRIVATE_PEM_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_PEM_LABEL = "PUBLIC KEY";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;

    private LocalKeys(RSAPrivateCrtKey privateKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKeyOf(privateKey);
        this.keyId = thumbprint(publicKey);
    }

    /**
     * Loads the key pair from {@code dir}, generating and saving it on first use. The directory
     * and files are readable by their owner only.
     */
    public static LocalKeys loadOrCreate(Path dir) {
        Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
        try {
            if (!Files.exists(privateFile)) {
                createOwnerOnlyDirectory(dir);
                LocalKeys created = ephemeral();
                // Saved by a rename, so a concurrent starter never reads half a key; if it won, use its key.
                if (writeOwnerOnly(privateFile, created.privateKeyPem())) {
                    writeOwnerOnly(dir.resolve(PUBLIC_KEY_FILE), created.publicKeyPem());
                    return created;
                }
            }
            return fromPrivateKeyPem(Files.readString(privateFile, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not load or create the signing key in " + dir, e);
        }
    }

    /** A fresh key pair that lives only in memory. */
    public static LocalKeys ephemeral() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            return new LocalKeys((RSAPrivateCrtKey) generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is not available", e);
        }
    }

    /** Rebuilds the key pair from {@link #privateKeyPem()}, e.g. in another class loader. */
    public static LocalKeys fromPrivateKeyPem(String pem) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(stripPem(pem, PRIVATE_PEM_LABEL));
            KeyFactory factory = KeyFactory.getInstance("RSA");
            return new LocalKeys((RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(der)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("Not a PKCS#8 PEM RSA private key", e);
        }
    }

    /** Base64 of the X.509 (SubjectPublicKeyInfo) DER encoding: the form {@code quarkus.oidc.public-key} takes. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    public String publicKeyPem() {
        return pem(PUBLIC_PEM_LABEL, publicKey.getEncoded());
    }

    /** PKCS#8 PEM of the private key. Handle with care outside local and test runs. */
    public String privateKeyPem() {
        return pem(PRIVATE_PEM_LABEL, privateKey.getEncoded());
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** The RFC 7638 thumbprint of the public key, sent as the tokens' {@code kid} header. */
    public String keyId() {
        return keyId;
    }

    /**
     * Issues a user's RS256 JWT for the API: {@code iss}, {@code sub}=userId, {@code tenant}=tenantId,
     * {@code groups}=roles, {@code aud}={@value #USER_AUDIENCE}, {@code iat}, {@code exp}=now+ttl and a random
     * {@code jti}.
     */
    public String issueToken(String issuer, String tenantId, String userId, Set<String> roles, Duration ttl) {
        return issueToken(issuer, tenantId, userId, roles, USER_AUDIENCE, ttl);
    }

    /** Like {@link #issueToken(String, String, String, Set, Duration)}, for another audience. */
    public String issueToken(String issuer, String tenantId, String userId, Set<String> roles, String audience,
            Duration ttl) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", userId);
        claims.put("aud", audience);
        claims.put("tenant", tenantId);
        claims.put("groups", new TreeSet<>(roles));
        return sign(claims, ttl);
    }

    /**
     * Issues a service's RS256 JWT: {@code sub} and {@code azp} name the calling service (the OAuth2 client),
     * {@code aud} the one service that may accept it; no tenant claim, since a service belongs to no tenant.
     */
    public String issueServiceToken(String issuer, String clientId, String audience, Set<String> roles,
            Duration ttl) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", clientId);
        claims.put("azp", clientId);
        claims.put("aud", audience);
        claims.put("groups", new TreeSet<>(roles));
        return sign(claims, ttl);
    }

    private String sign(Map<String, Object> claims, Duration ttl) {
        Instant now = Instant.now();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("kid", keyId);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ttl).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        String signingInput = base64UrlJson(header) + "." + base64UrlJson(claims);
        return signingInput + "." + BASE64URL.encodeToString(sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }

    private static String base64UrlJson(Map<String, Object> value) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAPublicKey publicKeyOf(RSAPrivateCrtKey privateKey) {
        try {
            RSAPublicKeySpec spec = new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent());
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String thumbprint(RSAPublicKey key) {
        // Members in lexicographic order, no whitespace: the canonical form RFC 7638 hashes.
        String jwk = "{\"e\":\"" + BASE64URL.encodeToString(unsigned(key.getPublicExponent()))
                + "\",\"kty\":\"RSA\",\"n\":\"" + BASE64URL.encodeToString(unsigned(key.getModulus())) + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(jwk.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static String stripPem(String pem, String label) {
        return pem.replace("-----BEGIN " + label + "-----", "").replace("-----END " + label + "-----", "").strip();
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void createOwnerOnlyDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        FileAttribute<?>[] attributes = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
        Files.createDirectories(dir, attributes);
    }

    /** Writes {@code content} readable by the owner only; false if the file already existed. */
    private static boolean writeOwnerOnly(Path file, String content) throws IOException {
        FileAttribute<?>[] attributes = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp", attributes);
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            Files.move(temporary, file);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
