package io.switchboard.workspace.files;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Telling text from binary the way git does (a NUL byte), and requiring valid UTF-8 on top. */
final class TextContent {

    private TextContent() {
    }

    /**
     * Why a text cannot be written as a text file, if it cannot. Only two things are refused: a NUL, which makes
     * the file binary to git and to the read and search tools, so the agent could never read back what it
     * wrote; and an unpaired surrogate, which UTF-8 cannot encode, so the file would silently hold a '?' instead.
     * Every other control character is left alone: form feeds in C and Python sources, escape sequences in
     * terminal fixtures, bells in test data are all legitimate file content, unlike in names and messages.
     */
    static Optional<String> unwritable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return Optional.of("contains a NUL character at index " + i
                        + "; a file with NUL is binary and cannot be read back as text");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains an unpaired surrogate at index " + i + ", which UTF-8 cannot encode");
            }
        }
        return Optional.empty();
    }

    /** The bytes as text, or empty when they are binary or not UTF-8. */
    static Optional<String> decode(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
