package io.switchboard.kit.logging;

import java.util.UUID;

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

    private ChatLogContext() {
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
