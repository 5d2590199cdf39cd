package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import dev.zapjobs.events.runtime.testing.InstanceBinding;
import dev.zapjobs.events.runtime.testing.RecordingHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * builder().handlerFilter(...): only the handler classes it accepts are instantiated and called.
 */
class HandlerFilterTest {

  static final class Wanted {}

  static final class Unwanted {}

  /** A handler class whose no-arg constructor must not run when the filter rejects it. */
  static final class NeverBuilt implements Consumer<JobEvent> {
    @Override
    public void accept(JobEvent event) {
      throw new AssertionError("a filtered-out handler was called");
    }
  }

  @Test
  void rejectedHandlerClasses_areNeitherInstantiatedNorCalled() {
    RecordingHandler wanted = new RecordingHandler();
    RecordingHandler unwanted = new RecordingHandler();
    List<Class<?>> asked = new ArrayList<>();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Wanted.class).on("Wanted.on(JobEvent)", JobEvent.class, wanted),
                new FunctionBinding(Unwanted.class)
                    .on("Unwanted.on(JobEvent)", JobEvent.class, unwanted),
                new InstanceBinding<>(
                    NeverBuilt.class,
                    () -> {
                      throw new AssertionError("a filtered-out handler was instantiated");
                    }))
            .handlerFilter(
                type -> {
                  asked.add(type);
                  return type == Wanted.class;
                })
            .synchronous()
            .build();

    d.publish(Events.started(Events.newRunId(), 1));

    assertThat(wanted.count()).isEqualTo(1);
    assertThat(unwanted.count()).isZero();
    assertThat(d.handlerIds()).extracting(HandlerId::handlerClass).containsExactly(Wanted.class);
    assertThat(asked).containsExactlyInAnyOrder(Wanted.class, Unwanted.class, NeverBuilt.class);
    d.close();
  }

  @Test
  void settingTheFilterAgain_replacesIt() {
    RecordingHandler wanted = new RecordingHandler();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Wanted.class).on("Wanted.on(JobEvent)", JobEvent.class, wanted))
            .handlerFilter(type -> false)
            .handlerFilter(type -> true)
            .synchronous()
            .build();

    d.publish(Events.started(Events.newRunId(), 1));

    assertThat(wanted.count()).isEqualTo(1);
    d.close();
  }
}
