package dev.zapjobs.events.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.spring.boot.fixture.special.BlockingHandler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The health statuses, on a real dispatcher, with a clock the test moves. */
class DispatcherHealthTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String BLOCKING = "BlockingHandler.on(JobStarted)";

  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final BlockingHandler handler = new BlockingHandler();
  private final StuckHandlers stuck = new StuckHandlers();
  private JobEventDispatcher dispatcher;

  private DispatcherHealth health(String slow) {
    dispatcher =
        JobEventDispatcher.builder()
            .handlerFilter(type -> type == BlockingHandler.class)
            .handlerResolver(type -> handler)
            .queueCapacity(2)
            .slowHandlerThreshold(Duration.parse(slow))
            .slowHandlerListener(stuck)
            .build();
    stuck.watch(dispatcher);
    ZapJobsEventsProperties.Health settings = new ZapJobsEventsProperties.Health();
    settings.setDropWindow(Duration.ofMinutes(1));
    return new DispatcherHealth(dispatcher, stuck, settings, clock::get);
  }

  @AfterEach
  void close() {
    handler.release();
    if (dispatcher != null) {
      dispatcher.close(WAIT);
    }
  }

  private static JobStarted started(int n) {
    return JobStarted.builder(JobRun.of("r-" + n, "report")).build();
  }

  private void advance(Duration d) {
    clock.addAndGet(d.toNanos());
  }

  @Test
  void upWhileNothingIsWrong_withTheTotalsAsDetails() throws Exception {
    DispatcherHealth health = health("PT1H");
    handler.release();
    dispatcher.publish(started(1));
    assertThat(dispatcher.awaitIdle(WAIT)).isTrue();

    DispatcherHealth.Result r = health.check();

    assertThat(r.status()).isEqualTo("UP");
    assertThat(r.details())
        .containsEntry("handlers", 1)
        .containsEntry("published", 1L)
        .containsEntry("delivered", 1L)
        .containsEntry("dropped", 0L)
        .doesNotContainKeys("stuck", "droppedInWindow", "closed");
  }

  @Test
  void dropsMakeItDownForOneWindow_thenItIsUpAgain() throws Exception {
    DispatcherHealth health = health("PT1H");
    dispatcher.publish(started(0));
    assertThat(handler.awaitEntered()).isTrue();
    for (int i = 1; i <= 5; i++) {
      dispatcher.publish(started(i)); // 2 queued, 3 dropped
    }
    await().atMost(WAIT).until(() -> dispatcher.stats().handler(BLOCKING).dropped() == 3);

    DispatcherHealth.Result r = health.check();
    assertThat(r.status()).isEqualTo("DOWN");
    assertThat(r.details()).containsEntry("droppedInWindow", Map.of(BLOCKING, 3L));

    advance(Duration.ofSeconds(30));
    assertThat(health.check().status()).as("half a window later").isEqualTo("DOWN");
    advance(Duration.ofSeconds(31));
    assertThat(health.check().status()).as("a window after the drops were seen").isEqualTo("UP");

    for (int i = 6; i <= 7; i++) {
      dispatcher.publish(started(i));
    }
    await().atMost(WAIT).until(() -> dispatcher.stats().handler(BLOCKING).dropped() == 5);
    advance(Duration.ofSeconds(1));
    assertThat(health.check().details()).containsEntry("droppedInWindow", Map.of(BLOCKING, 2L));
  }

  @Test
  void aStuckHandlerMakesItDownUntilItReturns() throws Exception {
    DispatcherHealth health = health("PT0.05S");
    dispatcher.publish(started(1));
    assertThat(handler.awaitEntered()).isTrue();

    await().atMost(WAIT).until(() -> health.check().status().equals("DOWN"));
    assertThat(health.check().details().get("stuck"))
        .asString()
        .contains(BLOCKING)
        .contains("JobStarted of run r-1");

    handler.release();
    assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
    assertThat(health.check().status()).isEqualTo("UP");
  }

  @Test
  void downOnceClosed() {
    DispatcherHealth health = health("PT1H");
    handler.release();
    dispatcher.close(WAIT);

    DispatcherHealth.Result r = health.check();

    assertThat(r.status()).isEqualTo("DOWN");
    assertThat(r.details()).containsEntry("closed", true);
  }

  @Test
  void theStatusesAreConfigurable_andAWrongWindowIsRejected() throws Exception {
    ZapJobsEventsProperties.Health settings = new ZapJobsEventsProperties.Health();
    settings.setDropsStatus("out_of_service");
    dispatcher = JobEventDispatcher.builder().handlerFilter(type -> false).build();
    assertThat(new DispatcherHealth(dispatcher, null, settings, clock::get).check().status())
        .isEqualTo("UP");

    settings.setDropWindow(Duration.ZERO);
    assertThatThrownBy(() -> new DispatcherHealth(dispatcher, null, settings, clock::get))
        .hasMessageContaining("zapjobs.events.health.drop-window must be positive");
  }
}
