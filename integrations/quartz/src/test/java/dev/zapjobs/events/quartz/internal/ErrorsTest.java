package dev.zapjobs.events.quartz.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.quartz.JobExecutionException;
import org.quartz.JobPersistenceException;
import org.quartz.SchedulerException;

class ErrorsTest {
  @Test
  void aJobExecutionExceptionAroundACause_givesTheCause() {
    IOException cause = new IOException("down");
    assertThat(Errors.unwrap(new JobExecutionException(cause))).isSameAs(cause);
    assertThat(Errors.unwrap(new JobExecutionException(new JobExecutionException(cause))))
        .isSameAs(cause);
  }

  @Test
  void quartzsWrapperAroundAnUnhandledException_isTakenOffToo() {
    IllegalStateException cause = new IllegalStateException("bug");
    // what JobRunShell throws for an exception that is not a JobExecutionException (before 2.5)
    SchedulerException wrapper = new SchedulerException("Job threw an unhandled exception.", cause);
    assertThat(Errors.unwrap(new JobExecutionException(wrapper, false))).isSameAs(cause);
  }

  @Test
  void aJobExecutionExceptionWithoutCause_isTheError() {
    JobExecutionException own = new JobExecutionException("no mail server");
    assertThat(Errors.unwrap(own)).isSameAs(own);
  }

  @Test
  void aSubclassOfSchedulerException_isKept() {
    JobPersistenceException store = new JobPersistenceException("db", new IOException("io"));
    assertThat(Errors.unwrap(new JobExecutionException(store))).isSameAs(store);
  }
}
