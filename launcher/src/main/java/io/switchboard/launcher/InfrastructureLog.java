package io.switchboard.launcher;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The run command's own log. The Kafka clients, embedded PostgreSQL and the infra classes log through
 * java.util.logging (slf4j-jdk14 bridges the former two), whose default console handler printed thousands of lines
 * at every start; the broker's errors come in on stderr. Both go to one file instead, which the run command keeps
 * apart from the terminal streams it prints its progress on.
 */
final class InfrastructureLog {

    static final String FILE_NAME = "infrastructure.log";

    /**
     * While the broker starts, the admin client that waits for it logs "Rebootstrapping" hundreds of times a second
     * at INFO; its warnings still come through. Held here because java.util.logging keeps loggers only weakly, and a
     * level set on a collected one is lost.
     */
    private static final Logger ADMIN_METADATA =
            Logger.getLogger("org.apache.kafka.clients.admin.internals.AdminMetadataManager");

    private InfrastructureLog() {
    }

    /**
     * Starts the log afresh in {@code logDir} and sends all logging and {@code System.err} there; returns the file.
     * Callers print to the terminal through the streams they took before.
     */
    static Path redirect(Path logDir) throws IOException {
        Files.createDirectories(logDir);
        Path file = logDir.resolve(FILE_NAME);
        PrintStream log = new PrintStream(new FileOutputStream(file.toFile()), true, StandardCharsets.UTF_8);
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        Handler handler = new PrintStreamHandler(log);
        handler.setFormatter(new LineFormatter());
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        ADMIN_METADATA.setLevel(Level.WARNING);
        System.setErr(log);
        return file;
    }

    /** Writes each record with one call, so that it never interleaves with stderr output on the same stream. */
    private static final class PrintStreamHandler extends Handler {

        private final PrintStream stream;

        PrintStreamHandler(PrintStream stream) {
            this.stream = stream;
        }

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            String text;
            try {
                text = getFormatter().format(record);
            } catch (RuntimeException e) {
                reportError(null, e, ErrorManager.FORMAT_FAILURE);
                return;
            }
            stream.print(text);
        }

        @Override
        public void flush() {
            stream.flush();
        }

        /** Flushes only: the stream is also System.err, which outlives logging's own shutdown. */
        @Override
        public void close() {
            stream.flush();
        }
    }

    /** One line per record, like the broker's own log: {@code [time] LEVEL message (logger)}, then any stack trace. */
    static final class LineFormatter extends Formatter {

        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS").withZone(ZoneId.systemDefault());

        @Override
        public String format(LogRecord record) {
            StringBuilder text = new StringBuilder()
                    .append('[').append(TIME.format(record.getInstant())).append("] ")
                    .append(record.getLevel().getName()).append(' ')
                    .append(formatMessage(record))
                    .append(" (").append(record.getLoggerName()).append(")\n");
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                text.append(trace);
            }
            return text.toString();
        }
    }
}
