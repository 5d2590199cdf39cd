package dev.zapjobs.events.dbscheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The class path a user got when Maven's nearest-wins picked db-scheduler's slf4j-api 1.7.36 over
 * our 2.x: slf4j-api 1.7 next to slf4j-simple 2, a provider 1.7 cannot see. Run only by the
 * surefire execution "slf4j-legacy-resolution" (see the pom), which puts 1.7.36 on the class path.
 * The dispatcher still delivers, and the first thing it has to log makes it say, on System.err,
 * that its logs go nowhere and what to pin.
 */
class Slf4jLegacyResolutionTest {
  @Test
  void underSlf4jApi17_theDispatcherDeliversAndSaysItsLogsAreLost() throws Exception {
    assertThat(LoggerFactory.class.getPackage().getImplementationVersion())
        .as("this execution's class path has slf4j-api 1.7")
        .startsWith("1.7.");

    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    RecordingHandler recorder = new RecordingHandler();
    JobEventDispatcher dispatcher;
    try {
      Map<Class<?>, Object> handlers =
          Map.of(
              RecordingHandler.class, recorder,
              ThrowingHandler.class, new ThrowingHandler(),
              DeadLetterAlerts.class, new DeadLetterAlerts(),
              BlockedHandler.class, new BlockedHandler(new CountDownLatch(0)));
      dispatcher = JobEventDispatcher.builder().handlerResolver(handlers::get).build();
      // ThrowingHandler fails on it: the dispatcher logs that failure, its first log line.
      dispatcher.publish(JobEnqueued.builder(JobRun.of("run-1", "send-invoice")).build());
      assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
    } finally {
      System.setErr(original);
    }

    assertThat(recorder.events()).hasSize(1);
    String err = captured.toString(StandardCharsets.UTF_8);
    assertThat(
            err.lines().filter(l -> l.startsWith("ZapJobs Events: SLF4J has no logging backend")))
        .singleElement()
        .asString()
        .contains("slf4j-api 1.7.36")
        .contains("org.slf4j:slf4j-api:2.0.17");
    dispatcher.close(Duration.ofSeconds(5));
  }
}
