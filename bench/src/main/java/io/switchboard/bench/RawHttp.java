package io.switchboard.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/1.1 over a plain socket, one request per connection. The JDK's HttpClient refuses to send a header
 * with a NUL or a control byte, and may lose a 413 when the server answers before the body is written;
 * here the bytes go out exactly as built, and the answer is read while they are still being written.
 */
final class RawHttp implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;
    private static final int MAX_ANSWER_BYTES = 4096;

    /**
     * @param status    the status code, or -1 when the server closed or reset the connection without one
     * @param bodyStart the first bytes of the answer's body, for the report
     * @param writeCut  the server closed the connection before the whole request was written
     */
    record Answer(int status, String bodyStart, boolean writeCut) {
    }

    private final String host;
    private final int port;
    private final String bearer;
    private final Duration timeout;
    private final ExecutorService readers = Executors.newCachedThreadPool(DaemonThreads.named("raw-http-reader"));

    RawHttp(String baseUrl, String bearer, Duration timeout) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.bearer = bearer;
        this.timeout = timeout;
    }

    Answer exchange(RestCorpus.RestCase request) {
        byte[] head = head(request);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Duration.ofSeconds(10).toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            InputStream in = socket.getInputStream();
            CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> readAnswer(in), readers);
            boolean writeCut = false;
            try {
                OutputStream out = socket.getOutputStream();
                out.write(head);
                for (int offset = 0; offset < request.body().length; offset += CHUNK) {
                    out.write(request.body(), offset, Math.min(CHUNK, request.body().length - offset));
                }
                out.flush();
            } catch (IOException e) {
                writeCut = true;
            }
            byte[] bytes = answer.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return parse(bytes, writeCut);
        } catch (IOException e) {
            return new Answer(-1, "connection failed: " + e.getMessage(), false);
        } catch (TimeoutException e) {
            return new Answer(-1, "no answer within " + timeout.toSeconds() + " s", false);
        } catch (ExecutionException e) {
            return new Answer(-1, "reading failed: " + e.getCause(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** The request line and headers: the caller's token, JSON, the length, and the case's own headers. */
    private byte[] head(RestCorpus.RestCase request) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ascii(head, request.method() + " " + request.path() + " HTTP/1.1\r\n");
        ascii(head, "Host: " + host + ":" + port + "\r\n");
        ascii(head, "Authorization: Bearer " + bearer + "\r\n");
        ascii(head, "Content-Type: application/json\r\n");
        ascii(head, "Content-Length: " + request.body().length + "\r\n");
        ascii(head, "Connection: close\r\n");
        for (RestCorpus.Header header : request.headers()) {
            ascii(head, header.name() + ": ");
            head.writeBytes(header.value());
            ascii(head, "\r\n");
        }
        ascii(head, "\r\n");
        return head.toByteArray();
    }

    /** Up to the first few KB of the answer, until the server closes, resets or goes quiet. */
    private static byte[] readAnswer(InputStream in) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        try {
            int read;
            while (answer.size() < MAX_ANSWER_BYTES && (read = in.read(buffer)) >= 0) {
                answer.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException e) {
            // What arrived is the answer; the server kept the connection open.
        } catch (IOException e) {
            // Reset by the server: what arrived before still counts.
        }
        return answer.toByteArray();
    }

    static Answer parse(byte[] bytes, boolean writeCut) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.")) {
            return new Answer(-1, text.isEmpty() ? "closed without an answer" : shorten(text), writeCut);
        }
        int lineEnd = text.indexOf("\r\n");
        String[] statusLine = text.substring(0, lineEnd < 0 ? text.length() : lineEnd).split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            return new Answer(-1, shorten(text), writeCut);
        }
        int bodyStart = text.indexOf("\r\n\r\n");
        String body = bodyStart < 0 ? "" : new String(bytes, bodyStart + 4, bytes.length - bodyStart - 4,
                StandardCharsets.UTF_8);
        return new Answer(status, shorten(body), writeCut);
    }

    private static String shorten(String text) {
        String line = text.replaceAll("[\\r\\n]+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
