package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import dev.zapjobs.events.runtime.testing.InstanceBinding;
import dev.zapjobs.events.runtime.testing.a.Twin;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Handler instances, and the errors the builder gives for wrong configuration. */
class BuilderTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** A handler that needs a constructor argument (as if injected). */
  static final class Injected implements Consumer<JobEvent> {
    final List<JobEvent> received = new CopyOnWriteArrayList<>();
    final String dependency;

    Injected(String dependency) {
      this.dependency = dependency;
    }

    @Override
    public void accept(JobEvent e) {
      received.add(e);
    }
  }

  private static InstanceBinding<Injected> withoutNoArgConstructor() {
    return new InstanceBinding<>(Injected.class, () -> null);
  }

  @Test
  void shouldNameTheClassAndTheFixWhenNoInstanceCanBeMade() {
    assertThatThrownBy(
            () -> JobEventDispatcher.builder().addBinding(withoutNoArgConstructor()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(Injected.class.getName())
        .hasMessageContaining("no accessible no-arg constructor")
        .hasMessageContaining("handlerResolver(");
  }

  @Test
  void shouldSayTheResolverReturnedNullWhenItDid() {
    assertThatThrownBy(
            () ->
                JobEventDispatcher.builder()
                    .addBinding(withoutNoArgConstructor())
                    .handlerResolver(type -> null)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(Injected.class.getName())
        .hasMessageContaining("HandlerResolver returned null");
  }

  @Test
  void shouldRejectAResolverThatReturnsTheWrongType() {
    assertThatThrownBy(
            () ->
                JobEventDispatcher.builder()
                    .addBinding(withoutNoArgConstructor())
                    .handlerResolver(type -> "not a handler")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(Injected.class.getName())
        .hasMessageContaining(String.class.getName());
  }

  @Test
  void shouldWrapAResolverFailure() {
    IllegalStateException cause = new IllegalStateException("no binding for Injected");
    assertThatThrownBy(
            () ->
                JobEventDispatcher.builder()
                    .addBinding(withoutNoArgConstructor())
                    .handlerResolver(
                        type -> {
                          throw cause;
                        })
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(Injected.class.getName())
        .hasMessageContaining("no binding for Injected")
        .hasCause(cause);
  }

  @Test
  void shouldNameTheClassWhenTheResolverThrowsAnError() {
    // e.g. a container that cannot load a class the handler depends on
    NoClassDefFoundError cause = new NoClassDefFoundError("com/acme/MissingDependency");
    assertThatThrownBy(
            () ->
                JobEventDispatcher.builder()
                    .addBinding(withoutNoArgConstructor())
                    .handlerResolver(
                        type -> {
                          throw cause;
                        })
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "The HandlerResolver failed to provide an instance of handler class "
                + Injected.class.getName())
        .hasMessageContaining("com/acme/MissingDependency")
        .hasMessageContaining("could not be loaded or initialized")
        .hasCause(cause);
  }

  @Test
  void shouldNameTheClassWhenItsConstructorThrowsAnError() {
    ExceptionInInitializerError cause = new ExceptionInInitializerError("static init failed");
    assertThatThrownBy(
            () ->
                JobEventDispatcher.builder()
                    .addBinding(
                        new InstanceBinding<>(
                            Injected.class,
                            () -> {
                              throw cause;
                            }))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("The no-arg constructor of handler class " + Injected.class.getName())
        .hasMessageContaining("Fix the constructor, or set a HandlerResolver")
        .hasCause(cause);
  }

  @Test
  void shouldDeliverToTheInstanceTheResolverProvides() throws Exception {
    Injected instance = new Injected("slack");
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(withoutNoArgConstructor())
            .handlerResolver(type -> type == Injected.class ? instance : null)
            .build();
    JobEvent e = Events.numbered(0, 1);

    d.publish(e);

    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(instance.received).containsExactly(e);
    d.close(WAIT);
  }

  @Test
  void shouldFallBackToTheNoArgConstructorWhenTheResolverReturnsNull() throws Exception {
    Injected made = new Injected("made by the no-arg constructor");
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(new InstanceBinding<>(Injected.class, () -> made))
            .handlerResolver(type -> null)
            .build();
    JobEvent e = Events.numbered(0, 1);

    d.publish(e);

    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(made.received).containsExactly(e);
    d.close(WAIT);
  }

  @Test
  void shouldRejectInvalidSettingsNamingTheParameter() {
    assertInvalid(b -> b.threads(0), "threads");
    assertInvalid(b -> b.queueCapacity(1), "queueCapacity");
    assertInvalid(b -> b.queueCapacity((1 << 30) + 1), "queueCapacity");
    assertInvalid(b -> b.intakeCapacity(0), "intakeCapacity");
    assertInvalid(b -> b.intakeCapacity(-5), "intakeCapacity");
    assertInvalid(b -> b.deliveryInterval(Duration.ZERO), "deliveryInterval");
    assertInvalid(b -> b.asyncTimeout(Duration.ofMillis(-1)), "asyncTimeout");
    assertInvalid(b -> b.asyncTimeout(BuilderTest.class, Duration.ZERO), "asyncTimeout");
    assertInvalid(b -> b.slowHandlerThreshold(Duration.ZERO), "slowHandlerThreshold");
  }

  private static void assertInvalid(
      UnaryOperator<JobEventDispatcher.Builder> setting, String parameter) {
    assertThatThrownBy(() -> setting.apply(JobEventDispatcher.builder()))
        .as(parameter)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(parameter + " must be");
  }

  @Test
  void shouldRejectNullArgumentsNamingThem() {
    assertThatThrownBy(() -> JobEventDispatcher.builder().asyncTimeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("asyncTimeout");
    assertThatThrownBy(() -> JobEventDispatcher.builder().executor(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("executor");
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(BuilderTest.class)
                    .on("B.on(JobEvent)", JobEvent.class, e -> {}))
            .synchronous()
            .build();
    assertThatThrownBy(() -> d.publish(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("event");
    d.close(WAIT);
  }

  @Test
  void shouldSuffixTheNameOfTheSecondOfTwoHandlersThatShareADisplayName() {
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Twin.class).on("Twin.on(JobEvent)", JobEvent.class, e -> {}))
            .addBinding(
                new FunctionBinding(dev.zapjobs.events.runtime.testing.b.Twin.class)
                    .on("Twin.on(JobEvent)", JobEvent.class, e -> {}))
            .synchronous()
            .build();

    HandlerId a = HandlerId.of(Twin.class, "on", JobEvent.class);
    HandlerId b =
        HandlerId.of(dev.zapjobs.events.runtime.testing.b.Twin.class, "on", JobEvent.class);
    assertThat(a.displayName()).isEqualTo(b.displayName()).isEqualTo("Twin.on(JobEvent)");
    assertThat(d.handlerIds()).containsExactly(a, b);
    assertThat(d.stats().handlers())
        .extracting(HandlerStats::name)
        .containsExactly("Twin.on(JobEvent)", "Twin.on(JobEvent) #2");
    assertThat(d.stats().handler(b).name()).isEqualTo("Twin.on(JobEvent) #2");
    d.close(WAIT);
  }

  @Test
  void shouldNameTheClassWhenTheFilterFails() {
    assertThatThrownBy(
            () ->
                JobEventDispatcher.builder()
                    .addBinding(withoutNoArgConstructor())
                    .handlerFilter(
                        type -> {
                          throw new IllegalArgumentException("bad pattern");
                        })
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(Injected.class.getName())
        .hasMessageContaining("bad pattern");
  }

  @Test
  void shouldRejectABindingThatListsOneMethodTwice() {
    assertThatThrownBy(
            () ->
                JobEventDispatcher.builder()
                    .addBinding(
                        new FunctionBinding(BuilderTest.class)
                            .on("B.on(JobEvent)", JobEvent.class, e -> {})
                            .on("B.on(JobEvent)", JobEvent.class, e -> {}))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("have the id " + BuilderTest.class.getName() + ".on(JobEvent)")
        .hasMessageContaining("Rebuild the module");
  }
}
