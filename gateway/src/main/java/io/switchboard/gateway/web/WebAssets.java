package io.switchboard.gateway.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.buffer.Buffer;

/**
 * The browser app's files, read from the class path (the web module's jar, under {@code META-INF/switchboard-web})
 * on first request and kept in memory: the whole bundle is a few hundred kilobytes. Only names made of safe
 * characters are looked up, so no request can reach another resource of the class path.
 */
@ApplicationScoped
public class WebAssets {

    static final String ROOT = "META-INF/switchboard-web";
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){1,4}");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "woff2", "font/woff2",
            "txt", "text/plain; charset=utf-8");

    private final Map<String, Optional<WebAsset>> cache = new ConcurrentHashMap<>();

    /** The file at a request path such as {@code /assets/index-3f2a.js}, if the bundle has it. */
    public Optional<WebAsset> find(String path) {
        if (!SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            return Optional.empty();
        }
        String extension = extensionOf(path);
        if (!TYPES.containsKey(extension)) {
            return Optional.empty();
        }
        // Only names that exist are kept, so the map stays as small as the bundle whatever is requested.
        Optional<WebAsset> known = cache.get(path);
        if (known != null) {
            return known;
        }
        Optional<WebAsset> loaded = load(path, extension);
        loaded.ifPresent(asset -> cache.put(path, loaded));
        return loaded;
    }

    /** The app's entry page, answered for every path of the app (a deep link such as /chats/{id}). */
    public Optional<WebAsset> indexPage() {
        return find("/index.html");
    }

    private static Optional<WebAsset> load(String path, String extension) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String type = TYPES.get(extension);
            byte[] gzipped = type.startsWith("text/") || type.endsWith("json") || type.endsWith("xml")
                    ? gzip(bytes) : null;
            return Optional.of(new WebAsset(Buffer.buffer(bytes),
                    gzipped != null && gzipped.length < bytes.length ? Buffer.buffer(gzipped) : null,
                    type, "\"" + sha256(bytes) + "\"", path.startsWith("/assets/")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String extensionOf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
