package io.switchboard.infra.kafka;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Watches a growing log file for a marker written after the moment the watcher was created. */
final class LogWatcher {

    private final Path file;
    private final String marker;
    private long position;
    private String carry = "";
    private boolean seen;

    LogWatcher(Path file, String marker) {
        this.file = file;
        this.marker = marker;
        this.position = size();
    }

    /** Reads what was appended since the last call; true once the marker has appeared. */
    boolean seen() {
        if (seen || !Files.exists(file)) {
            return seen;
        }
        if (size() < position) {
            // The file was rolled over; its new content starts from zero.
            position = 0;
            carry = "";
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE, channel.size() - position));
            while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
                // Keep reading until the snapshot of the file size is consumed.
            }
            position += buffer.position();
            String text = carry + new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            seen = text.contains(marker);
            // The marker may be split across two reads.
            carry = text.substring(Math.max(0, text.length() - marker.length()));
        } catch (IOException e) {
            // Not readable right now; the next call tries again.
        }
        return seen;
    }

    private long size() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
