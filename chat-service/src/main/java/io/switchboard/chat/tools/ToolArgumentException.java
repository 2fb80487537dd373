package io.switchboard.chat.tools;

/** The model's arguments do not fit the tool; the message tells the model how to call it right. */
class ToolArgumentException extends RuntimeException {

    ToolArgumentException(String message) {
        super(message, null, false, false);
    }
}
