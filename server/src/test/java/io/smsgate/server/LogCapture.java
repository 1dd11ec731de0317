package io.smsgate.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Keeps what one logger writes during each test, for tests whose subject is a log line:
 * {@code @RegisterExtension final LogCapture log = LogCapture.of(Subject.class);}.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    private final Logger logger;
    private final Optional<Level> level;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level levelBefore;

    private LogCapture(Logger logger, Optional<Level> level) {
        this.logger = logger;
        this.level = level;
    }

    public static LogCapture of(Class<?> source) {
        return new LogCapture((Logger) LoggerFactory.getLogger(source), Optional.empty());
    }

    public static LogCapture of(String loggerName) {
        return new LogCapture((Logger) LoggerFactory.getLogger(loggerName), Optional.empty());
    }

    /** The same capture, with the logger set to {@code level} during each test (restored after it). */
    public LogCapture atLevel(Level level) {
        return new LogCapture(logger, Optional.of(level));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        levelBefore = logger.getLevel();
        level.ifPresent(logger::setLevel);
        appender.list.clear();
        appender.start();
        logger.addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(levelBefore);
    }

    /** What was logged so far: a copy, because other threads may still be logging. */
    public List<ILoggingEvent> events() {
        synchronized (appender) { // AppenderBase appends under its own monitor
            return List.copyOf(appender.list);
        }
    }

    public List<ILoggingEvent> events(Level level) {
        return events().stream().filter(event -> event.getLevel() == level).toList();
    }
}
