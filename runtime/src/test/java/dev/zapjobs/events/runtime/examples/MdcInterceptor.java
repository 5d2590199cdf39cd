package dev.zapjobs.events.runtime.examples;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.HandlerCallInterceptor;
import dev.zapjobs.events.runtime.HandlerId;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Makes the SLF4J MDC of the thread that published an event current inside every handler call for
 * it, and puts the handler thread's own MDC back after each call.
 */
public final class MdcInterceptor implements HandlerCallInterceptor {

  @Override
  public Object capture(JobEvent event) {
    return MDC.getCopyOfContextMap(); // on the job's thread; null when its MDC is empty
  }

  @Override
  @SuppressWarnings("unchecked")
  public Call enter(HandlerId handler, JobEvent event, Object captured) {
    Map<String, String> before = MDC.getCopyOfContextMap(); // on the handler's thread
    replace((Map<String, String>) captured);
    return () -> replace(before);
  }

  private static void replace(Map<String, String> context) {
    if (context == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(context);
    }
  }
}
