package dev.zapjobs.events.spring.boot.sample;

import dev.zapjobs.events.JobEvent;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the handlers did, logged when the application stops: the dispatcher has drained by then,
 * because it closes before any bean is destroyed.
 */
@Component
public class SampleCounters {
  private static final Logger LOG = LoggerFactory.getLogger(SampleCounters.class);

  private final AtomicLong audited = new AtomicLong();
  private final AtomicLong alerted = new AtomicLong();
  private final AtomicLong metered = new AtomicLong();

  void countAudited(JobEvent e) {
    audited.incrementAndGet();
  }

  void countAlert() {
    alerted.incrementAndGet();
  }

  public void countMetered() {
    metered.incrementAndGet();
  }

  public long audited() {
    return audited.get();
  }

  public long alerted() {
    return alerted.get();
  }

  public long metered() {
    return metered.get();
  }

  @PreDestroy
  void logSummary() {
    LOG.info(
        "sample: handlers saw audited={} alerted={} metered={}",
        audited.get(),
        alerted.get(),
        metered.get());
  }
}
