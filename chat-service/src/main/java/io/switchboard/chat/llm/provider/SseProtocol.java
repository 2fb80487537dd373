package io.switchboard.chat.llm.provider;

import java.util.Optional;

import dev.langchain4j.http.client.sse.ServerSentEvent;
import io.switchboard.chat.llm.ModelException;

/**
 * What the transport must know about a provider's event stream beyond what LangChain4j does with it: which
 * event closes a complete answer (a stream that closes without it was cut), and which events report an error
 * in the middle of a stream that began with HTTP 200.
 */
public interface SseProtocol {

    /** Whether this event says the answer is complete. */
    boolean isEnd(ServerSentEvent event);

    /** The failure this event reports, if it reports one. */
    Optional<ModelException> error(ServerSentEvent event, ProviderErrors errors, boolean started);
}
