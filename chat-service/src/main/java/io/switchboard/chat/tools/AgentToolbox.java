package io.switchboard.chat.tools;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.chat.llm.ModelEvent;
import io.switchboard.chat.llm.ToolSpec;

/** Placeholder until the workspace tools land: offers no tools and runs none. */
@ApplicationScoped
public class AgentToolbox {

    public List<ToolSpec> specs() {
        return List.of();
    }

    public Uni<ToolOutcome> execute(String tenantId, String chatId, UUID turnId, ModelEvent.ToolCall call) {
        return Uni.createFrom().item(new ToolOutcome("No tool named '" + call.name() + "' is available", true));
    }

    public Uni<Optional<String>> commitTurn(String tenantId, String chatId, UUID turnId, String message) {
        return Uni.createFrom().item(Optional.empty());
    }
}
