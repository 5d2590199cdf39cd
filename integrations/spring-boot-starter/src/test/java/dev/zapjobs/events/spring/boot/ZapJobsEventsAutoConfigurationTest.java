package dev.zapjobs.events.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEventPublisher;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.DropReason;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.spring.boot.fixture.RecordingLog;
import dev.zapjobs.events.spring.boot.fixture.beans.BeanHandler;
import dev.zapjobs.events.spring.boot.fixture.shared.SharedHandler;
import dev.zapjobs.events.spring.boot.fixture.special.BlockingHandler;
import dev.zapjobs.events.spring.boot.fixture.special.NeverCompletingHandler;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The auto-configuration in a real (non-web) application context on Spring Boot 3.5: beans,
 * back-off, handler resolution and its fallbacks, filters, and that every property reaches the
 * dispatcher (asserted on its behaviour and stats). The web, Actuator, AOP-proxy and shutdown
 * ordering tests run a whole application on both Boot lines (integrations/spring-boot-sample and
 * spring-boot-starter-boot4-test).
 */
class ZapJobsEventsAutoConfigurationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** The handlers that block or never complete; bound only by the tests that use them. */
  private static final String SPECIAL = "dev.zapjobs.events.spring.boot.fixture.special";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ZapJobsEventsAutoConfiguration.class))
          .withPropertyValues("zapjobs.events.handlers.exclude=" + SPECIAL)
          .withBean(RecordingLog.class)
          .withBean(BeanHandler.class);

  /** The runner, with {@code handler} (one of the special ones) bound as a bean. */
  private <T> ApplicationContextRunner with(Class<T> handler) {
    return runner
        .withBean(handler)
        .withPropertyValues("zapjobs.events.handlers.exclude=" + SPECIAL + ".None");
  }

  private static JobStarted started(String runId) {
    return JobStarted.builder(JobRun.of(runId, "report")).workerId("w1").build();
  }

  private static HandlerStats stats(JobEventDispatcher d, String name) {
    return d.stats().handler(name);
  }

  private static List<String> handlerNames(AssertableApplicationContext ctx) {
    return ctx.getBean(JobEventDispatcher.class).stats().handlers().stream()
        .map(HandlerStats::name)
        .toList();
  }

  @Test
  void shouldDeliverToHandlerBeansAndCreateOtherHandlerClassesThroughTheBeanFactory() {
    runner.run(
        ctx -> {
          JobEventDispatcher dispatcher = ctx.getBean(JobEventDispatcher.class);
          assertThat(ctx.getBean(JobEventPublisher.class)).isSameAs(dispatcher);

          dispatcher.publish(started("r-1"));

          assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
          RecordingLog log = ctx.getBean(RecordingLog.class);
          assertThat(log.entries())
              .contains("shared created", "shared r-1")
              .anyMatch(e -> e.startsWith("bean r-1 on zapjobs-events-handler-"));
          // the non-bean handler was made for the dispatcher, not registered in the context
          assertThat(ctx.getBeansOfType(SharedHandler.class)).isEmpty();
          ZapJobsEventsLifecycle lifecycle = ctx.getBean(ZapJobsEventsLifecycle.class);
          ctx.close();
          assertThat(log.entries()).endsWith("shared destroyed");
          assertThat(lifecycle.closeReport())
              .get()
              .extracting(CloseReport::drained)
              .isEqualTo(true);
        });
  }

  @Test
  void shouldBackOffWhenTheApplicationDefinesItsOwnDispatcher() {
    JobEventDispatcher own =
        JobEventDispatcher.builder().handlerFilter(type -> false).synchronous().build();
    runner
        .withBean("ownDispatcher", JobEventDispatcher.class, () -> own)
        .run(
            ctx -> {
              assertThat(ctx).hasSingleBean(JobEventDispatcher.class);
              assertThat(ctx.getBean(JobEventDispatcher.class)).isSameAs(own);
              assertThat(ctx).doesNotHaveBean(ZapJobsEventsLifecycle.class);
            });
  }

  @Test
  void shouldLetTheApplicationsOwnPublisherWinWhereAPublisherIsInjected() {
    JobEventPublisher recorder = event -> {};
    runner
        .withBean("recordingPublisher", JobEventPublisher.class, () -> recorder)
        .run(
            ctx -> {
              assertThat(ctx.getBean(JobEventPublisher.class)).isSameAs(recorder);
              assertThat(ctx).hasSingleBean(JobEventDispatcher.class);
            });
  }

  @Test
  void shouldConfigureNothingWhenDisabled() {
    runner
        .withPropertyValues("zapjobs.events.enabled=false")
        .run(
            ctx -> {
              assertThat(ctx).doesNotHaveBean(JobEventDispatcher.class);
              assertThat(ctx).doesNotHaveBean(ZapJobsEventsProperties.class);
            });
  }

  @Test
  void excludedPackage_isNotBoundAtAll() {
    runner
        .withPropertyValues(
            "zapjobs.events.handlers.exclude=dev.zapjobs.events.spring.boot.fixture.shared")
        .run(
            ctx -> {
              assertThat(handlerNames(ctx))
                  .contains("BeanHandler.on(JobEvent)")
                  .noneMatch(n -> n.startsWith("SharedHandler"));
              // never created either
              assertThat(ctx.getBean(RecordingLog.class).entries())
                  .doesNotContain("shared created");
            });
  }

  @Test
  void includedClass_isTheOnlyOneBound() {
    runner
        .withPropertyValues("zapjobs.events.handlers.include=" + BeanHandler.class.getName())
        .run(ctx -> assertThat(handlerNames(ctx)).containsExactly("BeanHandler.on(JobEvent)"));
  }

  @Test
  void excludeWinsOverInclude_andNestedOrWildcardNamesAreExplained() {
    runner
        .withPropertyValues(
            "zapjobs.events.handlers.include=dev.zapjobs.events.spring.boot.fixture",
            "zapjobs.events.handlers.exclude=" + BeanHandler.class.getName())
        .run(
            ctx ->
                assertThat(handlerNames(ctx))
                    .contains("SharedHandler.on(JobEvent)")
                    .doesNotContain("BeanHandler.on(JobEvent)"));
    runner
        .withPropertyValues("zapjobs.events.handlers.exclude=com.acme.*")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .hasMessageContaining("zapjobs.events.handlers.exclude entry 'com.acme.*'")
                    .hasMessageContaining("without wildcards"));
  }

  @Test
  void fallbackSkip_leavesNonBeanHandlersUnbound() {
    runner
        .withPropertyValues("zapjobs.events.handlers.fallback=skip")
        .run(
            ctx -> {
              assertThat(handlerNames(ctx))
                  .contains("BeanHandler.on(JobEvent)")
                  .noneMatch(n -> n.startsWith("SharedHandler"));
              assertThat(ctx.getBean(RecordingLog.class).entries()).isEmpty();
            });
  }

  @Test
  void fallbackFail_stopsStartUpNamingTheClassAndTheFix() {
    runner
        .withPropertyValues("zapjobs.events.handlers.fallback=fail")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .hasMessageContaining(SharedHandler.class.getName())
                    .hasMessageContaining("is not a bean")
                    .hasMessageContaining("zapjobs.events.handlers.exclude"));
  }

  @Test
  void fallbackConstructor_usesTheNoArgConstructorAsWithoutSpring() {
    // SharedHandler has none: the runtime's own message, naming the class, stops start-up
    runner
        .withPropertyValues("zapjobs.events.handlers.fallback=constructor")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .hasMessageContaining(SharedHandler.class.getName())
                    .hasMessageContaining("no accessible no-arg constructor"));
  }

  @Test
  void twoBeansOfOneHandlerClass_areRejectedNamingThem() {
    runner
        .withBean("second", BeanHandler.class)
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .hasMessageContaining(BeanHandler.class.getName())
                    .hasMessageContaining("has 2 beans")
                    .hasMessageContaining("@Primary"));
  }

  @Test
  void queueCapacityAndOverflowPolicies_reachTheDispatcher() {
    String blocking = BlockingHandler.class.getName();
    for (String policy : List.of("drop-newest", "drop-oldest")) {
      with(BlockingHandler.class)
          .withPropertyValues(
              "zapjobs.events.queue-capacity=2",
              "zapjobs.events.overflow-policies." + blocking + "=" + policy)
          .run(
              ctx -> {
                JobEventDispatcher d = ctx.getBean(JobEventDispatcher.class);
                BlockingHandler handler = ctx.getBean(BlockingHandler.class);
                d.publish(started("first"));
                assertThat(handler.awaitEntered()).isTrue();
                for (int i = 0; i < 10; i++) {
                  d.publish(started("r-" + i));
                }
                // one in flight, two queued: the other 8 are dropped, the way the policy says
                DropReason reason =
                    policy.equals("drop-newest") ? DropReason.QUEUE_FULL : DropReason.EVICTED;
                await()
                    .atMost(WAIT)
                    .until(() -> stats(d, "BlockingHandler.on(JobStarted)").dropped(reason) == 8);
                assertThat(stats(d, "BlockingHandler.on(JobStarted)").dropped()).isEqualTo(8);
                handler.release();
                assertThat(d.awaitIdle(WAIT)).isTrue();
              });
    }
  }

  @Test
  void asyncTimeouts_perHandlerClass_reachTheDispatcher() {
    with(NeverCompletingHandler.class)
        .withPropertyValues(
            "zapjobs.events.async-timeouts." + NeverCompletingHandler.class.getName() + "=50ms")
        .run(
            ctx -> {
              JobEventDispatcher d = ctx.getBean(JobEventDispatcher.class);
              d.publish(JobCompleted.builder(JobRun.of("r-1", "report")).build());
              await()
                  .atMost(WAIT)
                  .untilAsserted(
                      () ->
                          assertThat(stats(d, "NeverCompletingHandler.on(JobCompleted)").toString())
                              .contains("TIMED_OUT=1"));
            });
  }

  @Test
  void synchronous_runsHandlersOnThePublishingThread() {
    runner
        .withPropertyValues("zapjobs.events.synchronous=true")
        .run(
            ctx -> {
              ctx.getBean(JobEventDispatcher.class).publish(started("r-1"));
              // no waiting: done inside publish
              assertThat(ctx.getBean(RecordingLog.class).entries())
                  .contains("bean r-1 on " + Thread.currentThread().getName());
            });
  }

  @Test
  void executorApplication_runsHandlersOnBootsTaskExecutor_andDrainsBeforeItPauses() {
    runner
        .withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
        .withPropertyValues(
            "zapjobs.events.executor=application",
            "spring.task.execution.thread-name-prefix=boot-task-")
        .run(
            ctx -> {
              JobEventDispatcher d = ctx.getBean(JobEventDispatcher.class);
              d.publish(started("r-1"));
              assertThat(d.awaitIdle(WAIT)).isTrue();
              assertThat(ctx.getBean(RecordingLog.class).entries())
                  .anyMatch(e -> e.startsWith("bean r-1 on boot-task-"));
              assertThat(ctx.getBean(ZapJobsEventsLifecycle.class).getPhase())
                  .isEqualTo(ZapJobsEventsLifecycle.APPLICATION_EXECUTOR_PHASE)
                  .isGreaterThan(Integer.MAX_VALUE / 2);
            });
  }

  @Test
  void shutdownPhase_defaultsAfterSpringsExecutors_andCanBeSet() {
    runner.run(
        ctx ->
            assertThat(ctx.getBean(ZapJobsEventsLifecycle.class).getPhase())
                .isEqualTo(ZapJobsEventsLifecycle.DEFAULT_PHASE)
                .isLessThan(Integer.MAX_VALUE / 2));
    runner
        .withPropertyValues("zapjobs.events.shutdown-phase=42")
        .run(ctx -> assertThat(ctx.getBean(ZapJobsEventsLifecycle.class).getPhase()).isEqualTo(42));
  }

  @Test
  void executorVirtual_needsJava21() {
    ApplicationContextRunner virtual = runner.withPropertyValues("zapjobs.events.executor=virtual");
    if (Runtime.version().feature() < 21) {
      virtual.run(
          ctx ->
              assertThat(ctx)
                  .getFailure()
                  .hasMessageContaining("needs Java 21")
                  .hasMessageContaining("zapjobs.events.executor=pool"));
    } else {
      virtual.run(
          ctx -> {
            JobEventDispatcher d = ctx.getBean(JobEventDispatcher.class);
            d.publish(started("r-1"));
            assertThat(d.awaitIdle(WAIT)).isTrue();
            assertThat(ctx.getBean(RecordingLog.class).entries())
                .anyMatch(e -> e.startsWith("bean r-1 on zapjobs-events-handler-"));
          });
    }
  }

  @Test
  void closeTimeout_boundsTheDrain_andTheReportSaysWhatWasLeft() {
    with(BlockingHandler.class)
        .withPropertyValues("zapjobs.events.close-timeout=100ms")
        .run(
            ctx -> {
              JobEventDispatcher d = ctx.getBean(JobEventDispatcher.class);
              BlockingHandler handler = ctx.getBean(BlockingHandler.class);
              d.publish(started("r-1"));
              d.publish(started("r-2"));
              assertThat(handler.awaitEntered()).isTrue();
              ZapJobsEventsLifecycle lifecycle = ctx.getBean(ZapJobsEventsLifecycle.class);
              ctx.close();
              CloseReport report = lifecycle.closeReport().orElseThrow();
              assertThat(report.drained()).isFalse();
              assertThat(report.stats().handler("BlockingHandler.on(JobStarted)").pending())
                  .isPositive();
              handler.release();
            });
  }

  @Test
  void invalidValues_failStartUpNamingTheSetting() {
    // capacities, interval and threshold go straight to the builder, which names the parameter
    assertStartUpFails("zapjobs.events.intake-capacity=1", "intakeCapacity must be");
    assertStartUpFails("zapjobs.events.queue-capacity=1", "queueCapacity must be");
    assertStartUpFails("zapjobs.events.threads=0", "threads must be");
    assertStartUpFails("zapjobs.events.delivery-interval=0ms", "deliveryInterval must be");
    assertStartUpFails("zapjobs.events.slow-handler-threshold=0ms", "slowHandlerThreshold must be");
    assertStartUpFails("zapjobs.events.async-timeout=0ms", "asyncTimeout must be");
    assertStartUpFails(
        "zapjobs.events.overflow-policies.com.acme.Missing=drop-oldest",
        "zapjobs.events.overflow-policies names class 'com.acme.Missing'");
    assertStartUpFails(
        "zapjobs.events.async-timeouts." + RecordingLog.class.getName() + "=1s",
        "zapjobs.events.async-timeouts names " + RecordingLog.class.getName());
  }

  private void assertStartUpFails(String property, String message) {
    runner
        .withPropertyValues(property)
        .run(ctx -> assertThat(ctx).as(property).getFailure().hasMessageContaining(message));
  }

  @Test
  void builderCustomizers_runAfterTheProperties() {
    runner
        .withPropertyValues("zapjobs.events.handlers.include=" + BeanHandler.class.getName())
        .withBean(
            ZapJobsEventsBuilderCustomizer.class,
            () -> builder -> builder.handlerFilter(type -> type == SharedHandler.class))
        .run(
            // the customizer's filter replaced the include list
            ctx -> assertThat(handlerNames(ctx)).containsExactly("SharedHandler.on(JobEvent)"));
  }
}
