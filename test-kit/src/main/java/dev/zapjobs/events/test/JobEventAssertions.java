package dev.zapjobs.events.test;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.HandlerStats;
import java.util.List;
import java.util.Objects;

/**
 * Entry points of the kit's assertions. They fail with {@code org.opentest4j.AssertionFailedError}
 * (what JUnit's own assertions throw, so IDEs show expected and actual side by side) and a message
 * that shows the whole picture: the handler's full accounting, the run's sequence.
 *
 * <pre>{@code
 * import static dev.zapjobs.events.test.JobEventAssertions.assertThat;
 * import static dev.zapjobs.events.test.JobEventAssertions.assertThatEvents;
 *
 * assertThat(events.stats())
 *     .handler(Alerts.class, "onFailed").delivered(3).failed(0)
 *     .handler(Metrics.class, "done").delivered(1);
 * assertThatEvents(recorder.events()).everyRunFollowsTheLifecycle();
 * }</pre>
 *
 * <p>They work beside any assertion library. With AssertJ's {@code assertThat} imported too, Java
 * picks these for {@link DispatcherStats} and {@link HandlerStats}, AssertJ's for everything else;
 * lists of events go through {@link #assertThatEvents}, so AssertJ's list assertions stay
 * available.
 */
public final class JobEventAssertions {
  private JobEventAssertions() {}

  /** Assertions on a dispatcher's accounting, in total and per handler. */
  public static DispatcherStatsAssert assertThat(DispatcherStats stats) {
    return new DispatcherStatsAssert(Objects.requireNonNull(stats, "stats"));
  }

  /** Assertions on one handler's accounting. */
  public static HandlerStatsAssert assertThat(HandlerStats stats) {
    return new HandlerStatsAssert(null, Objects.requireNonNull(stats, "stats"));
  }

  /** Assertions on published or received events: their sequence, and the lifecycle rules. */
  public static JobEventsAssert assertThatEvents(List<? extends JobEvent> events) {
    return new JobEventsAssert(Objects.requireNonNull(events, "events"));
  }
}
