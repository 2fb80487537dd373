package io.switchboard.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The RFC 6902 operations the overlays use (add, remove, replace, test), applied in place. A path that does not
 * exist fails, as it does in kustomize, so a patch that no longer fits its target is noticed.
 */
final class JsonPatch {

    private JsonPatch() {
    }

    static void apply(ObjectNode target, JsonNode operations) {
        if (!operations.isArray()) {
            throw new IllegalArgumentException("A JSON6902 patch is a list of operations: " + operations);
        }
        for (JsonNode operation : operations) {
            applyOne(target, operation);
        }
    }

    private static void applyOne(ObjectNode target, JsonNode operation) {
        String op = operation.path("op").asText();
        String path = operation.path("path").asText();
        String[] tokens = tokens(path);
        JsonNode parent = navigate(target, tokens, path);
        String last = tokens[tokens.length - 1];
        switch (op) {
            case "add" -> add(parent, last, operation.get("value"), path);
            case "replace" -> {
                requireChild(parent, last, path);
                set(parent, last, operation.get("value"));
            }
            case "remove" -> {
                requireChild(parent, last, path);
                if (parent instanceof ObjectNode object) {
                    object.remove(last);
                } else {
                    ((ArrayNode) parent).remove(Integer.parseInt(last));
                }
            }
            case "test" -> {
                requireChild(parent, last, path);
                JsonNode actual = parent.isObject() ? parent.get(last) : parent.get(Integer.parseInt(last));
                if (!actual.equals(operation.get("value"))) {
                    throw new IllegalStateException("test failed at " + path + ": " + actual);
                }
            }
            default -> throw new IllegalArgumentException("Unsupported JSON6902 operation " + op);
        }
    }

    private static String[] tokens(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("Not a JSON pointer: " + path);
        }
        String[] raw = path.substring(1).split("/", -1);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = raw[i].replace("~1", "/").replace("~0", "~");
        }
        return raw;
    }

    private static JsonNode navigate(JsonNode node, String[] tokens, String path) {
        JsonNode current = node;
        for (int i = 0; i < tokens.length - 1; i++) {
            current = current.isArray() ? current.get(Integer.parseInt(tokens[i])) : current.get(tokens[i]);
            if (current == null) {
                throw new IllegalStateException("No " + path + " in the target");
            }
        }
        return current;
    }

    private static void requireChild(JsonNode parent, String token, String path) {
        boolean present = parent.isObject() ? parent.has(token)
                : parent.isArray() && Integer.parseInt(token) < parent.size();
        if (!present) {
            throw new IllegalStateException("No " + path + " in the target");
        }
    }

    private static void add(JsonNode parent, String token, JsonNode value, String path) {
        if (parent instanceof ObjectNode object) {
            object.set(token, value.deepCopy());
        } else if (parent instanceof ArrayNode array) {
            if ("-".equals(token)) {
                array.add(value.deepCopy());
            } else {
                array.insert(Integer.parseInt(token), value.deepCopy());
            }
        } else {
            throw new IllegalStateException("Cannot add below a scalar at " + path);
        }
    }

    private static void set(JsonNode parent, String token, JsonNode value) {
        if (parent instanceof ObjectNode object) {
            object.set(token, value.deepCopy());
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(token), value.deepCopy());
        }
    }
}
