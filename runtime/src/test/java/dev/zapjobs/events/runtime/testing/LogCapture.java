package dev.zapjobs.events.runtime.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Captures what is logged under a logger (and its children, e.g. {@code
 * dev.zapjobs.events.runtime.JobEventDispatcher} under {@code dev.zapjobs.events.runtime}) while
 * open. Thread-safe: handlers log on executor threads, the dispatcher on its own thread. Other
 * tests' dispatchers may log into the same logger, so tests should filter the lines they look at
 * (by handler name, run id or thread).
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final Logger logger;
  private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

  private LogCapture(Logger logger) {
    this.logger = logger;
  }

  /** Starts capturing what {@code loggerName} and its children log. */
  public static LogCapture of(String loggerName) {
    Logger logger = (Logger) LoggerFactory.getLogger(loggerName);
    if (!logger.isEnabledFor(Level.INFO)) {
      throw new IllegalStateException(loggerName + " must log INFO: see logback-test.xml");
    }
    LogCapture capture = new LogCapture(logger);
    capture.setContext(logger.getLoggerContext());
    capture.setName("LogCapture");
    capture.start();
    logger.addAppender(capture);
    return capture;
  }

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing(); // formats the message now, on the logging thread
    events.add(event);
  }

  /** Every line captured so far, in the order they were logged. */
  public List<ILoggingEvent> events() {
    return List.copyOf(events);
  }

  /** The lines captured so far that {@code filter} accepts. */
  public List<ILoggingEvent> events(Predicate<ILoggingEvent> filter) {
    return events.stream().filter(filter).toList();
  }

  /** The lines whose formatted message contains {@code text}. */
  public List<ILoggingEvent> containing(String text) {
    return events(e -> e.getFormattedMessage().contains(text));
  }

  /** The lines logged on the calling thread. */
  public List<ILoggingEvent> onThisThread() {
    String name = Thread.currentThread().getName();
    return events(e -> name.equals(e.getThreadName()));
  }

  /** The class name of the throwable logged with {@code event}, or null if none. */
  public static String throwableClass(ILoggingEvent event) {
    IThrowableProxy t = event.getThrowableProxy();
    return t == null ? null : t.getClassName();
  }

  /** The message of the throwable logged with {@code event}, or null if none. */
  public static String throwableMessage(ILoggingEvent event) {
    IThrowableProxy t = event.getThrowableProxy();
    return t == null ? null : t.getMessage();
  }

  /** Stops capturing. */
  @Override
  public void close() {
    logger.detachAppender(this);
    stop();
  }
}
