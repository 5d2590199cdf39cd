package dev.zapjobs.events.runtime.internal;

import java.io.PrintStream;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * The runtime's loggers, made on first use: a dispatcher that has nothing to report does not
 * initialize the application's logging backend at start-up.
 *
 * <p>The first time a logger is made, this checks that SLF4J found a backend. When it did not (no
 * provider on the class path, or slf4j-api 1.7 resolved by Maven's nearest-wins next to an SLF4J 2
 * provider, which 1.7 cannot see), every message would go nowhere; one line on {@code System.err}
 * then says so and names the fix. The check uses only API that slf4j-api 1.7 and 2.x share.
 */
public final class Log {
  private Log() {}

  /** The first line of the notice, for tests and for users searching their logs. */
  public static final String NO_BACKEND = "ZapJobs Events: SLF4J has no logging backend";

  private static final class Holder {
    static final Logger LOGGER = of("dev.zapjobs.events.runtime");
  }

  private static final class BackendCheck {
    static {
      warnIfNoBackend(LoggerFactory.getILoggerFactory(), System.err);
    }

    static void ensure() {
      // running the static initializer once is the point
    }
  }

  /** The runtime's logger ({@code dev.zapjobs.events.runtime}). */
  public static Logger get() {
    return Holder.LOGGER;
  }

  /** A logger for {@code type}, after the one-time backend check. */
  public static Logger of(Class<?> type) {
    return of(type.getName());
  }

  private static Logger of(String name) {
    Logger logger = LoggerFactory.getLogger(name);
    BackendCheck.ensure();
    return logger;
  }

  /**
   * Prints the notice to {@code err} if {@code factory} is SLF4J's no-operation factory, which both
   * slf4j-api 1.7 and 2.x fall back to when they find no backend.
   *
   * @return whether the notice was printed
   */
  static boolean warnIfNoBackend(ILoggerFactory factory, PrintStream err) {
    if (!(factory instanceof NOPLoggerFactory)) {
      return false;
    }
    String version = LoggerFactory.class.getPackage().getImplementationVersion();
    err.println(
        NO_BACKEND
            + " (slf4j-api "
            + (version == null ? "of unknown version" : version)
            + " fell back to its no-operation logger), so the dispatcher's warnings and errors"
            + " (handler failures, drops, the close report) go nowhere. Fix: depend on"
            + " org.slf4j:slf4j-api:2.0.17 directly (a library such as db-scheduler brings 1.7,"
            + " which cannot see SLF4J 2 providers) and add one provider, e.g."
            + " org.slf4j:slf4j-simple:2.0.17 or ch.qos.logback:logback-classic:1.5.18; or, to"
            + " stay on slf4j-api 1.7, add a 1.7 binding (slf4j-simple 1.7.36, logback-classic"
            + " 1.2.x). If you chose slf4j-nop, ignore this line.");
    return true;
  }
}
