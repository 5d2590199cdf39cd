package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.runtime.HandlerId;

/**
 * The log line for a failing observer or interceptor, shared by {@link Observers} and {@link
 * Interceptors}.
 */
final class Hooks {
  private Hooks() {}

  static void logFailure(String what, HandlerId id, long held, Throwable t) {
    try {
      Log.get()
          .warn(
              "{} threw {} (handler {}); it was ignored and the handler's accounting is unchanged."
                  + " Fix it: observers and interceptors must not throw{}",
              what,
              t.getClass().getName(),
              id == null ? "-" : id,
              held > 0 ? " (" + held + " similar failures not logged in the last second)" : "",
              t);
    } catch (Throwable logFailure) {
      // a throwable whose toString() throws must not break the caller: only the log line is lost
    }
  }
}
