package dev.zapjobs.events.test;

import static dev.zapjobs.events.test.JobEventAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.runtime.FailureKind;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.Outcome;
import dev.zapjobs.events.test.handlers.Audit;
import dev.zapjobs.events.test.handlers.Bystander;
import dev.zapjobs.events.test.handlers.NeedsAStore;
import dev.zapjobs.events.test.handlers.NeverCompleting;
import dev.zapjobs.events.test.handlers.NotAHandler;
import dev.zapjobs.events.test.handlers.StaticCounter;
import dev.zapjobs.events.test.handlers.Throwing;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

class JobEventsExtensionTest {
  private static final Clock CLOCK = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));

  private final Audit audit = new Audit();

  @RegisterExtension final JobEventsExtension events = JobEventsExtension.forHandlers(audit);

  @Test
  void handlersRunOnTheTestThread_beforePublishReturns() {
    List<JobEvent> run = JobRuns.succeeding(JobRun.of("run-1", "nightly-report"), CLOCK);

    for (int i = 0; i < run.size(); i++) {
      events.publish(run.get(i));
      assertThat(audit.received()).hasSize(i + 1);
    }

    assertThat(audit.received()).containsExactlyElementsOf(run);
    assertThat(audit.threads()).containsOnly(Thread.currentThread());
    assertThat(events.stats()).handler(Audit.class, "on").delivered(3).failed(0);
  }

  @Test
  void callsAndReceived_tellWhatEachHandlerWasCalledWith_andHowItEnded() {
    JobEventsExtension ext =
        JobEventsExtension.forHandlers(new Audit(), new Throwing()).allowHandlerFailures();
    try {
      List<JobEvent> run = JobRuns.failingTwiceThenSucceeding(JobRun.of("run-15", "sync"), CLOCK);
      ext.publish(run);

      assertThat(ext.received(Audit.class)).containsExactlyElementsOf(run);
      assertThat(ext.received(Audit.class, "on")).containsExactlyElementsOf(run);
      assertThat(ext.received(Throwing.class)).containsExactly(run.get(2), run.get(6));
      assertThat(ext.received(Throwing.class, "on")).isEmpty();
      assertThat(ext.calls()).hasSize(13);
      assertThat(ext.calls().stream().filter(HandlerCall::failed))
          .hasSize(2)
          .allSatisfy(
              call -> {
                assertThat(call.handler())
                    .isEqualTo(HandlerId.of(Throwing.class, "onFailed", JobFailed.class));
                assertThat(call.outcome()).isEqualTo(Outcome.THROWN);
                assertThat(call.failure()).isInstanceOf(IllegalStateException.class);
              });
    } finally {
      ext.close();
    }
  }

  @Test
  void onlyTheHandlersUnderTestReceiveEvents_althoughOthersAreOnTheClassPath() {
    Bystander.RECEIVED.clear();

    events.publish(JobRuns.failingForGood(JobRun.of("run-2", "charge-card"), CLOCK));

    assertThat(audit.received()).hasSize(11);
    assertThat(Bystander.RECEIVED).isEmpty();
    assertThat(events.stats().handlers())
        .extracting(h -> h.name())
        .containsExactly("Audit.on(JobEvent)");
  }

  @Test
  void thePublisherRecordsAndForwards_andIsTheSameObjectAllAlong() {
    List<JobEvent> run = JobRuns.succeeding(JobRun.of("run-3", "sync"), CLOCK);

    run.forEach(events.publisher()::publish);

    assertThat(events.published()).containsExactlyElementsOf(run);
    assertThat(audit.received()).containsExactlyElementsOf(run);
    assertThat(events.publisher()).isSameAs(events.publisher());
  }

  @Test
  void aSubclassInstance_standsForItsHandlerClass() {
    Audit spy = new Audit() {};
    JobEventsExtension ext = JobEventsExtension.forHandlers(spy);
    try {
      ext.publish(JobRuns.succeeding(JobRun.of("run-4", "sync"), CLOCK));
      assertThat(spy.received()).hasSize(3);
    } finally {
      ext.close();
    }
  }

  @Test
  void handlerClasses_withStaticMethods_needNoInstance() {
    StaticCounter.STARTED.set(0);
    JobEventsExtension ext = JobEventsExtension.forHandlerClasses(StaticCounter.class);
    try {
      ext.publish(JobRuns.failingTwiceThenSucceeding(JobRun.of("run-5", "sync"), CLOCK));
      assertThat(StaticCounter.STARTED).hasValue(3);
      assertThat(ext.stats()).handler(StaticCounter.class).delivered(3);
    } finally {
      ext.close();
    }
  }

  @Test
  void asynchronous_deliversOnTheDispatchersThreads_andAwaitIdleWaitsForThem() {
    Audit async = new Audit();
    JobEventsExtension ext = JobEventsExtension.forHandlers(async).asynchronous();
    try {
      ext.publish(JobRuns.failingTwiceThenSucceeding(JobRun.of("run-6", "sync"), CLOCK));
      ext.awaitIdle();

      assertThat(async.received()).hasSize(11);
      assertThat(async.threads()).doesNotContain(Thread.currentThread());
      assertThat(ext.stats()).handler(Audit.class).delivered(11).pending(0);
    } finally {
      ext.close();
    }
  }

  @Test
  void configure_setsTheDispatchersOtherOptions() {
    JobEventsExtension ext =
        JobEventsExtension.forHandlerClasses(NeverCompleting.class)
            .asynchronous()
            .configure(b -> b.asyncTimeout(Duration.ofMillis(50)));
    try {
      ext.publish(JobRuns.succeeding(JobRun.of("run-7", "sync"), CLOCK));
      ext.awaitIdle(); // the stage times out after 50 ms: settled, as a failure

      assertThat(ext.stats()).handler(NeverCompleting.class).failed(FailureKind.TIMED_OUT, 1);
    } finally {
      ext.close();
    }
  }

  @Test
  void misuse_isRejectedWithTheFix() {
    assertThatThrownBy(() -> JobEventsExtension.forHandlers(Audit.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "forHandlers takes handler instances, not classes; for"
                + " dev.zapjobs.events.test.handlers.Audit use forHandlerClasses(Audit.class) or"
                + " pass an instance");
    assertThatThrownBy(() -> JobEventsExtension.forHandlers(new Audit(), new Audit()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "two handler instances of dev.zapjobs.events.test.handlers.Audit; pass one per class");
    assertThatThrownBy(() -> JobEventsExtension.forHandlers().dispatcher())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no handlers under test: use JobEventsExtension.forHandlers(");
    assertThatThrownBy(() -> JobEventsExtension.forHandlerClasses(NeedsAStore.class).dispatcher())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "Cannot create handler class dev.zapjobs.events.test.handlers.NeedsAStore")
        .hasMessageEndingWith(
            " In a test, pass the handler instance instead:"
                + " JobEventsExtension.forHandlers(new NeedsAStore(...)) rather than"
                + " forHandlerClasses(NeedsAStore.class).");
    assertThatThrownBy(() -> JobEventsExtension.forHandlers(audit).timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, was PT0S");
  }

  // ---------------------------------------------------------------------------------------------
  // What the extension does around a test, seen from outside: the test classes below run in their
  // own JUnit engine, started by the tests here; run any other way, they are skipped.

  private static volatile boolean insideEngineKit;

  static boolean insideEngineKit() {
    return insideEngineKit;
  }

  /** Runs only inside {@link #execute}: these classes fail on purpose. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @EnabledIf("dev.zapjobs.events.test.JobEventsExtensionTest#insideEngineKit")
  @interface OnlyInsideEngineKit {}

  private static Events execute(Class<?> testClass) {
    insideEngineKit = true;
    try {
      return EngineTestKit.engine("junit-jupiter")
          .selectors(selectClass(testClass))
          .execute()
          .testEvents();
    } finally {
      insideEngineKit = false;
    }
  }

  private static Throwable onlyFailure(Events events) {
    events.assertStatistics(s -> s.started(1).failed(1));
    return events.failed().stream()
        .findFirst()
        .orElseThrow()
        .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
        .getThrowable()
        .orElseThrow();
  }

  @OnlyInsideEngineKit
  static class HandlerThatThrows {
    @RegisterExtension
    final JobEventsExtension events = JobEventsExtension.forHandlers(new Throwing());

    @Test
    void test() {
      events.publish(JobRuns.failingForGood(JobRun.of("run-9", "charge-card"), CLOCK));
    }
  }

  @Test
  void aHandlerThatThrows_failsTheTest_namingTheHandlerTheCallsAndTheWayOut() {
    Throwable failure = onlyFailure(execute(HandlerThatThrows.class));

    assertThat(failure)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith(
            "Handler calls failed during the test:\n"
                + "  Throwing.onFailed(JobFailed): published 3, delivered 0, failed 3 (THROWN 3),"
                + " dropped 0, pending 0\n"
                + "    Throwing.onFailed(JobFailed) THROWN on JobFailed[charge-card run-9 #1 on"
                + " default, ERROR java.io.IOException: simulated failure, retry at")
        .hasMessageContaining(
            "]: java.lang.IllegalStateException: bug in the handler for run-9\n"
                + "    Throwing.onFailed(JobFailed) THROWN on JobFailed[charge-card run-9 #2")
        .hasMessageEndingWith(
            "\nThe first failure is the cause of this error. If the test expects failures, build"
                + " the extension with .allowHandlerFailures().")
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("bug in the handler for run-9");
  }

  @OnlyInsideEngineKit
  static class HandlerFailuresAllowed {
    @RegisterExtension
    final JobEventsExtension events =
        JobEventsExtension.forHandlers(new Throwing()).allowHandlerFailures();

    @Test
    void test() {
      events.publish(JobRuns.failingForGood(JobRun.of("run-10", "charge-card"), CLOCK));
      assertThat(events.stats()).handler(Throwing.class).failed(FailureKind.THROWN, 3);
    }
  }

  @Test
  void allowHandlerFailures_letsTheTestAssertOnThem() {
    execute(HandlerFailuresAllowed.class).assertStatistics(s -> s.started(1).succeeded(1));
  }

  @OnlyInsideEngineKit
  static class TestThatFailsItself {
    @RegisterExtension
    final JobEventsExtension events = JobEventsExtension.forHandlers(new Throwing());

    @Test
    void test() {
      events.publish(JobRuns.failingForGood(JobRun.of("run-11", "charge-card"), CLOCK));
      throw new AssertionFailedError("the test's own failure");
    }
  }

  @Test
  void whenTheTestFailsItself_itsFailureIsTheOneReported() {
    Throwable failure = onlyFailure(execute(TestThatFailsItself.class));

    assertThat(failure).hasMessage("the test's own failure").hasNoSuppressedExceptions();
  }

  @OnlyInsideEngineKit
  static class HandlerWithoutBinding {
    @RegisterExtension
    final JobEventsExtension events =
        JobEventsExtension.forHandlers(new NotAHandler(), new Audit());

    @Test
    void test() {}
  }

  @Test
  void aHandlerWithoutGeneratedBinding_failsBeforeTheTest_withTheProcessorFix() {
    Throwable failure = onlyFailure(execute(HandlerWithoutBinding.class));

    assertThat(failure)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "No generated binding found for handler class"
                + " dev.zapjobs.events.test.handlers.NotAHandler, so no dispatcher can call it. The"
                + " ZapJobs Events annotation processor writes the binding when it compiles a"
                + " class with @OnJobEvent methods. Check that the class has @OnJobEvent methods,"
                + " and that zapjobs-events-processor is on the annotation processor path of the"
                + " compile that declares it — for a handler in test sources, the test compile: in"
                + " Maven, <annotationProcessorPaths> in the maven-compiler-plugin's"
                + " <configuration> (not inside one <execution>) applies to compile and"
                + " testCompile; in Gradle, add it to testAnnotationProcessor as well as"
                + " annotationProcessor.");
  }

  @OnlyInsideEngineKit
  static class StageThatNeverCompletes {
    @RegisterExtension
    final JobEventsExtension events =
        JobEventsExtension.forHandlerClasses(NeverCompleting.class).timeout(Duration.ofMillis(100));

    @Test
    void test() {
      events.publish(JobRuns.succeeding(JobRun.of("run-12", "sync"), CLOCK));
    }
  }

  @Test
  void eventsStillPendingAfterTheTest_failIt() {
    Throwable failure = onlyFailure(execute(StageThatNeverCompletes.class));

    assertThat(failure)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith(
            "1 deliveries were still pending 100 ms after the test ended (an async handler's"
                + " stage that never completes?):\n");
  }

  @OnlyInsideEngineKit
  static class StaticallyRegistered {
    static final Audit SHARED = new Audit();

    @RegisterExtension
    static final JobEventsExtension EVENTS = JobEventsExtension.forHandlers(SHARED);

    @Test
    void first() {
      EVENTS.publish(JobRuns.succeeding(JobRun.of("run-13", "sync"), CLOCK));
      assertThat(EVENTS.stats()).published(3);
      assertThat(EVENTS.published()).hasSize(3);
    }

    @Test
    void second() {
      EVENTS.publish(JobRuns.succeeding(JobRun.of("run-14", "sync"), CLOCK));
      assertThat(EVENTS.stats()).published(3);
      assertThat(EVENTS.published()).hasSize(3);
    }
  }

  @Test
  void onAStaticField_eachTestStillGetsItsOwnDispatcher_whileInstancesAreShared() {
    StaticallyRegistered.SHARED.received(); // the class is loaded; its instance starts empty

    execute(StaticallyRegistered.class).assertStatistics(s -> s.started(2).succeeded(2));

    assertThat(StaticallyRegistered.SHARED.received()).hasSize(6);
  }
}
