package io.switchboard.kit.logging;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.MDC;

import io.quarkus.vertx.core.runtime.VertxMDC;
import io.switchboard.events.Envelope;
import io.vertx.core.Context;
import io.vertx.core.impl.ContextInternal;

/**
 * Names the chat a piece of work is for in the logging context (MDC): every line logged for it then carries
 * {@code chatId}, {@code tenantId} and {@code turnId} as fields (under {@code mdc} in JSON logs), not only in its
 * text, so a log store can select one chat's or one tenant's lines. The values live in the Vert.x duplicated
 * context of the work (a Kafka record's, a chat lane's) and end with it, so they never leak into other work.
 */
public final class ChatLogContext {

    public static final String CHAT_ID = "chatId";
    public static final String TENANT_ID = "tenantId";
    public static final String TURN_ID = "turnId";
    /** The name Quarkus's OpenTelemetry support gives a request's trace in the MDC: one field for both. */
    public static final String TRACE_ID = "traceId";

    private static final int TRACEPARENT_LENGTH = 55;

    private ChatLogContext() {
    }

    /**
     * For the rest of the current record's work: the event's chat, tenant and turn, and the trace its headers
     * name (W3C traceparent), if any.
     */
    public static void enter(Envelope event, Headers headers) {
        enter(event);
        String traceId = traceIdOf(headers);
        if (traceId != null) {
            MDC.put(TRACE_ID, traceId);
        } else {
            MDC.remove(TRACE_ID);
        }
    }

    /** For the rest of the current record's or request's work: the event's chat, tenant and turn. */
    public static void enter(Envelope event) {
        MDC.put(CHAT_ID, event.chatId());
        MDC.put(TENANT_ID, event.tenantId());
        UUID turn = event.turnId();
        if (turn != null) {
            MDC.put(TURN_ID, turn.toString());
        } else {
            MDC.remove(TURN_ID);
        }
    }

    /**
     * The trace id of a W3C traceparent header ({@code 00-<32 hex>-<16 hex>-<2 hex>}); null for anything else,
     * including an all-zero id. Read by hand: this runs for every record, and a header is anyone's text.
     */
    static String traceIdOf(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader("traceparent");
        if (header == null || header.value() == null || header.value().length != TRACEPARENT_LENGTH) {
            return null;
        }
        String value = new String(header.value(), StandardCharsets.US_ASCII);
        if (!value.startsWith("00-") || value.charAt(35) != '-' || value.charAt(52) != '-'
                || !isHex(value, 3, 35) || !isHex(value, 36, 52) || !isHex(value, 53, 55)) {
            return null;
        }
        String traceId = value.substring(3, 35);
        return traceId.chars().allMatch(c -> c == '0') ? null : traceId;
    }

    private static boolean isHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A context of its own for work that runs for one chat on a shared event loop (a chat's lane): on
     * {@code eventLoop}'s thread, with the chat's ids in its logging context for as long as it is used.
     */
    public static Context forChat(Context eventLoop, String chatId, String tenantId) {
        Context chat = ((ContextInternal) eventLoop).duplicate();
        VertxMDC.INSTANCE.put(CHAT_ID, chatId, chat);
        VertxMDC.INSTANCE.put(TENANT_ID, tenantId, chat);
        return chat;
    }
}
