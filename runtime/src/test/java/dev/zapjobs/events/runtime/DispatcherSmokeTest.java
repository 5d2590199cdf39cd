package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DispatcherSmokeTest {

  @Test
  void shouldDeliverEveryEventToEverySubscriber() throws Exception {
    List<JobEvent> all = new CopyOnWriteArrayList<>();
    List<JobEvent> failures = new CopyOnWriteArrayList<>();
    FunctionBinding binding =
        new FunctionBinding(DispatcherSmokeTest.class)
            .on("DispatcherSmokeTest.all(JobEvent)", JobEvent.class, all::add)
            .on("DispatcherSmokeTest.fail(JobFailed)", JobFailed.class, failures::add)
            .on(
                "DispatcherSmokeTest.throwing(JobEvent)",
                JobEvent.class,
                e -> {
                  throw new IllegalStateException("handler bug");
                });
    JobEventDispatcher d = JobEventDispatcher.builder().addBinding(binding).build();
    String id = Events.newRunId();
    List<JobEvent> events = Events.allFive(id);
    events.forEach(d::publish);

    assertThat(d.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(all).containsExactlyElementsOf(events);
    assertThat(failures).containsExactly(events.get(2));
    DispatcherStats stats = d.stats();
    assertThat(stats.published()).isEqualTo(5);
    assertThat(stats.handler("DispatcherSmokeTest.all(JobEvent)").delivered()).isEqualTo(5);
    assertThat(stats.handler("DispatcherSmokeTest.fail(JobFailed)").published()).isEqualTo(1);
    assertThat(stats.handler("DispatcherSmokeTest.throwing(JobEvent)").failed(FailureKind.THROWN))
        .isEqualTo(5);
    CloseReport report = d.close(Duration.ofSeconds(5));
    assertThat(report.drained()).isTrue();
    d.publish(events.get(0));
    assertThat(d.stats().refusedAfterClose()).isEqualTo(1);
  }
}
