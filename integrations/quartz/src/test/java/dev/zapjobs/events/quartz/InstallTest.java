package dev.zapjobs.events.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobEventPublisher;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;

class InstallTest {
  @Test
  void installingTwiceOnOneScheduler_isRefusedWithTheFix() throws Exception {
    Scheduler scheduler = Schedulers.ram(1, 1_000);
    ZapJobsQuartz.install(scheduler, JobEventPublisher.noop());

    assertThatThrownBy(() -> ZapJobsQuartz.install(scheduler, JobEventPublisher.noop()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already installed")
        .hasMessageContaining("uninstall()");
    scheduler.shutdown();
  }

  @Test
  void afterUninstall_nothingIsPublished_andItCanBeInstalledAgain() throws Exception {
    Scheduler scheduler = Schedulers.ram(1, 1_000);
    Recorder first = new Recorder(event -> {});
    ZapJobsQuartz.install(scheduler, first).uninstall();
    Recorder second = new Recorder(event -> {});
    ZapJobsQuartz.install(scheduler, second);
    Workload.addJobs(scheduler);
    new Workload().schedule(scheduler, Plan.OK, 1);
    scheduler.start();

    await().atMost(Duration.ofSeconds(30)).until(() -> second.endedRuns() == 1);
    scheduler.shutdown(true);
    assertThat(first.events()).isEmpty();
    assertThat(Notation.of(second.events())).isEqualTo("E1 S1 C1");
  }
}
