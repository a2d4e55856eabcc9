package io.coro4j;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The records one logger receives while the capture is open: coro4j logs through {@code System.Logger},
 * which reaches {@code java.util.logging} by default, so a handler on the logger of the same name sees
 * them. Records may arrive on other threads (the cleaner's), hence the synchronized list.
 */
final class LogCapture extends Handler implements AutoCloseable {
    /** Held strongly: {@code java.util.logging} keeps its loggers only weakly. */
    private final Logger logger;
    private final List<LogRecord> records = new ArrayList<>();

    LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** A copy of the records so far. */
    synchronized List<LogRecord> records() {
        return new ArrayList<>(records);
    }

    /** The records so far whose message contains {@code text}. */
    synchronized List<LogRecord> containing(String text) {
        List<LogRecord> matching = new ArrayList<>();
        for (LogRecord r : records) {
            if (r.getMessage() != null && r.getMessage().contains(text)) {
                matching.add(r);
            }
        }
        return matching;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
