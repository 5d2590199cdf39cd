package dev.zapjobs.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.HandlerResolver;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The forwarder reaches a dispatcher only through {@code register}: this module's jar lists no
 * binding for ServiceLoader, so an application that has it but no forwarder (a consuming node)
 * builds its dispatcher as before.
 */
class RegistrationTest {

  @Test
  void discovery_neverFindsTheForwarder() {
    // This test's class path has the module's classes and the test handlers (which are listed).
    JobEventDispatcher d = JobEventDispatcher.builder().build();

    assertThat(d.handlerIds()).isNotEmpty().doesNotContain(KafkaForwarder.HANDLER_ID);
    assertThat(d.handlerIds()).contains(HandlerId.of(RecordingHandler.class, "on", JobEvent.class));
    d.close(Duration.ofSeconds(5));
  }

  @Test
  void register_addsTheForwarder_andKeepsDiscoveringTheApplicationsHandlers() {
    RecordingHandler mine = new RecordingHandler();
    assertBuildsWithTheForwarderAndMine(
        forwarder ->
            forwarder.register(
                JobEventDispatcher.builder(),
                type -> type == RecordingHandler.class ? mine : null));
  }

  @Test
  void register_keepsAResolverSetBeforeIt() {
    RecordingHandler mine = new RecordingHandler();
    List<Class<?>> asked = new CopyOnWriteArrayList<>();
    HandlerResolver resolver =
        type -> {
          asked.add(type);
          return type == RecordingHandler.class ? mine : null;
        };

    assertBuildsWithTheForwarderAndMine(
        forwarder -> forwarder.register(JobEventDispatcher.builder().handlerResolver(resolver)));
    assertThat(asked).as("the application's resolver was asked").contains(RecordingHandler.class);
  }

  @Test
  void register_thenAResolverThatKnowsNothingOfTheForwarder_stillBuilds() {
    RecordingHandler mine = new RecordingHandler();
    assertBuildsWithTheForwarderAndMine(
        forwarder ->
            forwarder
                .register(JobEventDispatcher.builder())
                .handlerResolver(type -> type == RecordingHandler.class ? mine : null));
  }

  @Test
  void register_withAContainer_neverAsksItForTheForwarder() {
    RecordingHandler mine = new RecordingHandler();
    List<Class<?>> asked = new CopyOnWriteArrayList<>();
    HandlerResolver container =
        type -> {
          asked.add(type);
          if (type == KafkaForwarder.class) {
            throw new IllegalArgumentException("no binding for " + type); // as Guice
          }
          return type == RecordingHandler.class ? mine : null;
        };

    assertBuildsWithTheForwarderAndMine(
        forwarder -> forwarder.register(JobEventDispatcher.builder(), container));
    assertThat(asked).doesNotContain(KafkaForwarder.class);
  }

  /** Builds the dispatcher {@code wiring} sets up around a forwarder (no broker needed). */
  private static void assertBuildsWithTheForwarderAndMine(
      Function<KafkaForwarder, JobEventDispatcher.Builder> wiring) {
    try (KafkaForwarder forwarder =
        KafkaForwarder.builder().bootstrapServers("localhost:1").topic("t").build()) {
      JobEventDispatcher d = wiring.apply(forwarder).build();

      assertThat(d.handlerIds())
          .contains(
              KafkaForwarder.HANDLER_ID,
              HandlerId.of(RecordingHandler.class, "on", JobEvent.class));
      d.close(Duration.ofSeconds(5));
    }
  }
}
