package com.example.app.billing;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.OnJobEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Filtered handlers in a second closed package: the module has two generated bindings. */
public final class BillingAlerts {
  private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

  private BillingAlerts() {}

  /** What every handler method received, as "method:EventType". */
  public static List<String> received() {
    return List.copyOf(RECEIVED);
  }

  @OnJobEvent(jobTypes = "send-invoice")
  static void onInvoiceFailed(JobFailed e) {
    RECEIVED.add("onInvoiceFailed:" + e.getClass().getSimpleName());
  }

  @OnJobEvent(queues = "reports")
  static void onReports(JobEvent e) {
    RECEIVED.add("onReports:" + e.getClass().getSimpleName());
  }
}
