package io.switchboard.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.switchboard.events.json.EventJson;

/** JSON bodies, frames and records of the poison corpora, built as ordered maps so one field can be swapped. */
final class CorpusJson {

    private CorpusJson() {
    }

    static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A corpus body could not be written", e);
        }
    }

    /** A map of the given keys and values, in that order; values may be null. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A copy of {@code valid} with one field set (or added). */
    static Map<String, Object> with(Map<String, Object> valid, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(valid);
        copy.put(field, value);
        return copy;
    }
}
