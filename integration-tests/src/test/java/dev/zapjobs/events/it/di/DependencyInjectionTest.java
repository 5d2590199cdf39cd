package dev.zapjobs.events.it.di;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Scopes;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.it.support.SampleEvents;
import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Handlers with constructor-injected dependencies, obtained from real containers through {@code
 * HandlerResolver} ({@code injector::getInstance}, {@code context::getBean}), receive every event.
 * The package's one generated binding is passed explicitly and narrowed to the class under test
 * with {@code handlerFilter}.
 */
class DependencyInjectionTest {

  private static final List<String> FIVE_TYPES =
      List.of("JobEnqueued", "JobStarted", "JobFailed", "JobRetrying", "JobCompleted");

  /** Five typed methods get one event each; the {@code JobEvent} method gets all five. */
  private static final long DELIVERIES = 10;

  @Test
  void guiceInjector_resolvesHandlers_thatReceiveEveryEvent() throws InterruptedException {
    Injector injector =
        Guice.createInjector(binder -> binder.bind(AuditLog.class).in(Scopes.SINGLETON));

    assertEveryEventDelivered(
        JobEventDispatcher.builder()
            .addBinding(new ZapJobs_HandlerBinding())
            .handlerFilter(GuiceAuditHandlers.class::equals)
            .handlerResolver(injector::getInstance),
        injector.getInstance(AuditLog.class));
  }

  @Test
  void springContext_resolvesHandlers_thatReceiveEveryEvent() throws InterruptedException {
    try (AnnotationConfigApplicationContext context =
        new AnnotationConfigApplicationContext(SpringConfig.class, SpringAuditHandlers.class)) {

      assertEveryEventDelivered(
          JobEventDispatcher.builder()
              .addBinding(new ZapJobs_HandlerBinding())
              .handlerFilter(SpringAuditHandlers.class::equals)
              .handlerResolver(context::getBean),
          context.getBean(AuditLog.class));
    }
  }

  /**
   * Builds the dispatcher, publishes the five events, and checks that the container's handler
   * (which writes to the container's {@code log}) received each: the typed methods one each, the
   * {@code JobEvent} method all five in publish order.
   */
  private static void assertEveryEventDelivered(JobEventDispatcher.Builder builder, AuditLog log)
      throws InterruptedException {
    List<JobEvent> events = SampleEvents.allFive();
    DispatcherStats stats;
    try (JobEventDispatcher dispatcher = builder.build()) {
      events.forEach(dispatcher::publish);

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(log.typed()).containsExactlyInAnyOrderElementsOf(FIVE_TYPES);
                assertThat(log.any()).containsExactlyElementsOf(events);
              });
      assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
      stats = dispatcher.stats();
    }

    assertThat(stats.delivered()).isEqualTo(DELIVERIES);
    assertThat(stats.failed()).isZero();
    assertThat(stats.dropped()).isZero();
  }

  @Test
  void resolver_isAskedOnlyForTheHandlerClass() {
    try (AnnotationConfigApplicationContext context =
        new AnnotationConfigApplicationContext(SpringConfig.class, SpringAuditHandlers.class)) {
      List<Class<?>> asked = new CopyOnWriteArrayList<>();

      try (JobEventDispatcher dispatcher =
          JobEventDispatcher.builder()
              .addBinding(new ZapJobs_HandlerBinding())
              .handlerFilter(SpringAuditHandlers.class::equals)
              .handlerResolver(
                  type -> {
                    asked.add(type);
                    return context.getBean(type);
                  })
              .build()) {
        SampleEvents.allFive().forEach(dispatcher::publish);
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> context.getBean(AuditLog.class).any().size() == 5);
      }

      assertThat(asked).isNotEmpty().allMatch(SpringAuditHandlers.class::equals);
    }
  }

  @Test
  void instanceHandlers_withoutNoArgConstructor_orResolver_failTheBuild_namingTheClass() {
    JobEventDispatcher.Builder builder =
        JobEventDispatcher.builder()
            .addBinding(new ZapJobs_HandlerBinding())
            .handlerFilter(NoDefaultConstructorHandler.class::equals);

    assertThatThrownBy(builder::build)
        .isInstanceOf(RuntimeException.class)
        .hasMessageContaining(NoDefaultConstructorHandler.class.getName());
  }
}
