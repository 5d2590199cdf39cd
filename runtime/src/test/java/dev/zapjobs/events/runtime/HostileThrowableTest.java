package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A handler's exception that cannot even be printed must not stop the handler. */
class HostileThrowableTest {

  /** An exception whose message and string form throw: logging it fails. */
  static final class UnprintableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      throw new IllegalStateException("getMessage() is broken too");
    }

    @Override
    public String toString() {
      throw new IllegalStateException("toString() is broken too");
    }
  }

  @Test
  void shouldKeepDeliveringAfterAnExceptionThatCannotBeLogged() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    FunctionBinding hostile =
        new FunctionBinding(HostileThrowableTest.class)
            .on(
                "HostileThrowableTest.on(JobEvent)",
                JobEvent.class,
                e -> {
                  if (calls.incrementAndGet() == 1) {
                    throw new UnprintableException();
                  }
                });
    JobEventDispatcher d = JobEventDispatcher.builder().addBinding(hostile).build();
    try {
      String id = Events.newRunId();
      Events.allFive(id).forEach(d::publish);
      assertThat(d.awaitIdle(Duration.ofSeconds(10))).isTrue();
      HandlerStats stats = d.stats().handler("HostileThrowableTest.on(JobEvent)");
      assertThat(calls).hasValue(5);
      assertThat(stats.failed(FailureKind.THROWN)).isEqualTo(1);
      assertThat(stats.delivered()).isEqualTo(4);
    } finally {
      d.close(Duration.ofSeconds(5));
    }
  }
}
