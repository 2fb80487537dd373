package io.switchboard.bench;

import static io.switchboard.bench.Progress.progress;
import static io.switchboard.bench.RunClock.since;
import static io.switchboard.bench.RunClock.sleep;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Sends the WebSocket corpus over one connection, each bad frame followed by a ping: everything the gateway
 * answers to the frame arrives before the pong, so the answer is known without guessing a timeout. Frames
 * are paced under the connection's rate limit, so that no answer is a {@code rate_limited}. Afterwards a
 * valid send must still be accepted on the same connection; then the oversize frame, which must close it
 * with 1009, and a valid send on a new connection.
 */
final class SocketPoisoning {

    /** Under the default 20 frames/s of {@code switchboard.ws.rate-limit}, with room to spare. */
    private static final Duration PACE = Duration.ofMillis(120);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    private static final int MESSAGE_TOO_BIG = 1009;
    private static final int SERVER_ERROR_CLOSE = 1011;

    /**
     * @param errorCodes        error frames by code, over the whole corpus
     * @param unexpectedCloses  connections the gateway closed during the corpus (the oversize frame aside)
     * @param oversizeClose     how the connection ended after the oversize frame
     * @param acceptedAfter     a valid send on the same connection was accepted after the corpus
     * @param acceptedReconnect a valid send on a new connection was accepted after the oversize close
     */
    record Result(Outcomes outcomes, Map<String, Integer> errorCodes, int unexpectedCloses, String oversizeClose,
            boolean acceptedAfter, boolean acceptedReconnect, Duration took) {
    }

    private final HttpClient http;
    private final String url;
    private final String token;
    private final Outcomes outcomes = new Outcomes();
    private final Map<String, Integer> errorCodes = new TreeMap<>();
    private int unexpectedCloses;
    private long lastSent;

    private SocketPoisoning(HttpClient http, String url, String token) {
        this.http = http;
        this.url = url;
        this.token = token;
    }

    static Result run(HttpClient http, String url, String token, String chatId, String turnId) {
        return new SocketPoisoning(http, url, token).run(chatId, turnId);
    }

    private Result run(String chatId, String turnId) {
        long started = System.nanoTime();
        List<SocketCorpus.FrameCase> corpus = SocketCorpus.build(chatId, turnId);
        progress("WebSocket corpus: %d bad frames, then one over the message limit", corpus.size() + 1);
        ProbeSocket socket = ProbeSocket.open(http, url, token);
        try {
            for (SocketCorpus.FrameCase frame : corpus) {
                if (socket.closed().isPresent()) {
                    socket.close();
                    socket = ProbeSocket.open(http, url, token);
                }
                judge(socket, frame);
            }
            boolean acceptedAfter = validSendAccepted(socket, chatId, "/words 2 still accepted after the corpus");

            SocketCorpus.FrameCase oversize = SocketCorpus.oversize(chatId);
            int mark = socket.mark();
            pace();
            socket.send(oversize.frame());
            Optional<ProbeSocket.Closed> closed = socket.awaitClosed(ANSWER_TIMEOUT);
            String oversizeClose;
            if (closed.isPresent()) {
                oversizeClose = "closed " + closed.get().code() + " " + closed.get().reason();
                record(oversize, "closed " + closed.get().code(), closed.get().code() == MESSAGE_TOO_BIG
                        ? Outcomes.Verdict.REFUSED : closeVerdict(closed.get()), oversizeClose);
            } else {
                Optional<JsonNode> answer = firstAnswer(socket.since(mark));
                oversizeClose = "not closed; answered " + answer.map(JsonNode::toString).orElse("nothing");
                record(oversize, answer.map(SocketPoisoning::answerLabel).orElse("no answer"),
                        answer.map(SocketPoisoning::answerVerdict).orElse(Outcomes.Verdict.OTHER), oversizeClose);
            }
            socket.close();
            socket = ProbeSocket.open(http, url, token);
            boolean acceptedReconnect = validSendAccepted(socket, chatId, "/words 2 accepted after reconnecting");
            return new Result(outcomes, Map.copyOf(errorCodes), unexpectedCloses, oversizeClose, acceptedAfter,
                    acceptedReconnect, since(started));
        } finally {
            socket.close();
        }
    }

    private void judge(ProbeSocket socket, SocketCorpus.FrameCase frame) {
        int mark = socket.mark();
        pace();
        socket.send(frame.frame());
        pace();
        socket.send("{\"type\":\"ping\"}");
        Optional<JsonNode> pong = socket.await(mark, frame1 -> frame1.path("type").asText().equals("pong"),
                ANSWER_TIMEOUT);
        List<JsonNode> received = socket.since(mark);
        received.stream().filter(f -> f.path("type").asText().equals("error"))
                .forEach(error -> errorCodes.merge(error.path("code").asText(), 1, Integer::sum));
        Optional<JsonNode> answer = firstAnswer(received);
        String sample = frame.request() + " " + frame.kind().label() + " (" + frame.variant() + ") -> ";
        if (answer.isPresent()) {
            record(frame, answerLabel(answer.get()), answerVerdict(answer.get()), sample + answer.get());
        } else if (socket.closed().isPresent()) {
            ProbeSocket.Closed closed = socket.closed().get();
            unexpectedCloses++;
            record(frame, "closed " + closed.code(), closeVerdict(closed), sample + "closed " + closed.code() + " "
                    + closed.reason());
        } else {
            record(frame, "no answer", Outcomes.Verdict.OTHER, sample + (pong.isPresent() ? "no answer before the pong"
                    : "no answer and no pong within " + ANSWER_TIMEOUT.toSeconds() + " s"));
        }
    }

    private boolean validSendAccepted(ProbeSocket socket, String chatId, String text) {
        int mark = socket.mark();
        pace();
        socket.send(SocketCorpus.validSend(chatId, text));
        return socket.await(mark, frame -> frame.path("type").asText().equals("accepted")
                || frame.path("type").asText().equals("error"), ANSWER_TIMEOUT)
                .map(frame -> frame.path("type").asText().equals("accepted"))
                .orElse(false);
    }

    /** The gateway's answer to a frame: anything but event frames (the chat's own traffic) and pongs. */
    private static Optional<JsonNode> firstAnswer(List<JsonNode> received) {
        return received.stream().filter(frame -> {
            String type = frame.path("type").asText();
            return !type.equals("event") && !type.equals("pong");
        }).findFirst();
    }

    private static String answerLabel(JsonNode answer) {
        String type = answer.path("type").asText(answer.isTextual() ? "text frame" : "?");
        return type.equals("error") ? "error " + answer.path("code").asText() : type;
    }

    private static Outcomes.Verdict answerVerdict(JsonNode answer) {
        return switch (answer.path("type").asText()) {
            case "error" -> answer.path("code").asText().equals("internal_error") ? Outcomes.Verdict.SERVER_ERROR
                    : Outcomes.Verdict.REFUSED;
            case "accepted", "subscribed", "unsubscribed", "inbox_subscribed" -> Outcomes.Verdict.ACCEPTED;
            default -> Outcomes.Verdict.OTHER;
        };
    }

    private static Outcomes.Verdict closeVerdict(ProbeSocket.Closed closed) {
        return closed.code() == SERVER_ERROR_CLOSE ? Outcomes.Verdict.SERVER_ERROR : Outcomes.Verdict.OTHER;
    }

    private void record(SocketCorpus.FrameCase frame, String answer, Outcomes.Verdict verdict, String sample) {
        outcomes.add(frame.kind(), answer, verdict, shorten(sample));
    }

    private void pace() {
        long wait = lastSent + PACE.toNanos() - System.nanoTime();
        if (wait > 0) {
            sleep(Duration.ofNanos(wait));
        }
        lastSent = System.nanoTime();
    }

    private static String shorten(String text) {
        return text.length() > 240 ? text.substring(0, 240) + "..." : text;
    }
}
