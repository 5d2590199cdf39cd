package com.example.app.handlers;

import com.google.common.eventbus.Subscribe;
import dev.zapjobs.events.JobEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Guava subscriber, public, with a public method: as accessible as it can be without opens. */
public final class AuditSubscriber {
  private final List<String> received = new CopyOnWriteArrayList<>();

  @Subscribe
  public void onAny(JobEvent e) {
    received.add("onAny:" + e.getClass().getSimpleName());
  }

  /** What the subscriber received. */
  public List<String> received() {
    return List.copyOf(received);
  }
}
