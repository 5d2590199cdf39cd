package dev.zapjobs.events.bench.context;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.OnJobEvent;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.MDC;

/**
 * The handler of {@link ContextCapture}: counts its calls, and those that saw the publishing
 * thread's MDC entry, so that the benchmark can tell that the context really arrived.
 */
public final class ContextSink {
  /** The MDC key the publishing thread sets. */
  static final String KEY = "traceId";

  static final LongAdder CALLS = new LongAdder();
  static final LongAdder WITH_MDC = new LongAdder();

  @OnJobEvent
  static void on(JobEvent event) {
    CALLS.increment();
    if (MDC.get(KEY) != null) {
      WITH_MDC.increment();
    }
  }

  static void reset() {
    CALLS.reset();
    WITH_MDC.reset();
  }
}
