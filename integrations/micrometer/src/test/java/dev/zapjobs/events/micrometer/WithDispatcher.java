package dev.zapjobs.events.micrometer;

import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * A test that builds one dispatcher into {@link #dispatcher}; it is closed after each test (a
 * subclass that must close it earlier calls {@link #closeDispatcher()}).
 */
abstract class WithDispatcher {
  JobEventDispatcher dispatcher;

  @AfterEach
  void closeDispatcher() {
    if (dispatcher != null) {
      dispatcher.close(Duration.ofSeconds(5));
      dispatcher = null;
    }
  }
}
