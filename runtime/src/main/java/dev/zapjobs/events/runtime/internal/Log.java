package dev.zapjobs.events.runtime.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's logger ({@code dev.zapjobs.events.runtime}), made on first use: a dispatcher that
 * has nothing to report does not initialize the application's logging backend at start-up.
 */
public final class Log {
  private Log() {}

  private static final class Holder {
    static final Logger LOGGER = LoggerFactory.getLogger("dev.zapjobs.events.runtime");
  }

  /** The logger. */
  public static Logger get() {
    return Holder.LOGGER;
  }
}
