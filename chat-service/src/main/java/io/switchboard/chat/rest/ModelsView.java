package io.switchboard.chat.rest;

import java.util.List;

import io.switchboard.chat.llm.ModelDescription;

/**
 * The answer of {@code GET /models}.
 *
 * @param defaultModel the model a chat uses when it names none
 * @param models       every model, by name
 */
public record ModelsView(String defaultModel, List<ModelDescription> models) {
}
