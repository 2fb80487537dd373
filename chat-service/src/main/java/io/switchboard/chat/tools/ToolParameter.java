package io.switchboard.chat.tools;

/**
 * One argument of a tool: the JSON Schema the model is shown and the check its arguments go through
 * are both derived from it, so they cannot drift apart.
 *
 * @param min for integers the smallest value allowed; for strings the shortest length
 * @param max for integers the largest value allowed
 */
record ToolParameter(String name, Type type, boolean required, String description, Integer min, Integer max) {

    enum Type {
        STRING("string"), BOOLEAN("boolean"), INTEGER("integer");

        final String jsonType;

        Type(String jsonType) {
            this.jsonType = jsonType;
        }
    }

    /** A required string that must not be empty. */
    static ToolParameter requiredString(String name, String description) {
        return new ToolParameter(name, Type.STRING, true, description, 1, null);
    }

    /** A required string that may be empty, such as a file's content. */
    static ToolParameter requiredText(String name, String description) {
        return new ToolParameter(name, Type.STRING, true, description, 0, null);
    }

    static ToolParameter optionalString(String name, String description) {
        return new ToolParameter(name, Type.STRING, false, description, null, null);
    }

    static ToolParameter optionalBoolean(String name, String description) {
        return new ToolParameter(name, Type.BOOLEAN, false, description, null, null);
    }

    static ToolParameter optionalInteger(String name, String description, int min, int max) {
        return new ToolParameter(name, Type.INTEGER, false, description, min, max);
    }
}
