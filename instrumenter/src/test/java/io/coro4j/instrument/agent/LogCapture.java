package io.coro4j.instrument.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the agent logs. The agent logs through {@code System.Logger}, which by default goes
 * to {@code java.util.logging}: a handler on the {@code io.coro4j.agent} logger sees every record.
 * The logger is held here because {@code java.util.logging} keeps its loggers weakly.
 */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("io.coro4j.agent");
    private final List<LogRecord> records = new ArrayList<>();

    LogCapture() {
        logger.addHandler(this);
    }

    synchronized List<LogRecord> records() {
        return new ArrayList<>(records);
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
