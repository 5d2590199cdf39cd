package dev.zapjobs.events.bench.peers;

import dev.zapjobs.events.JobEvent;
import java.util.function.Consumer;
import org.greenrobot.eventbus.EventBus;
import org.greenrobot.eventbus.Subscribe;
import org.greenrobot.eventbus.ThreadMode;

/**
 * greenrobot EventBus (plain Java build) in one of its asynchronous thread modes, on a bounded
 * single-thread executor. ASYNC runs one task per (event, subscriber), refusals are counted;
 * BACKGROUND queues into greenrobot's own unbounded queue, so it cannot drop (nor bound memory).
 */
final class GreenrobotEventBus extends OnBoundedExecutor {

  /** What both subscriber kinds forward to. */
  abstract static class Subscriber {
    final Consumer<JobEvent> handler;

    Subscriber(Consumer<JobEvent> handler) {
      this.handler = handler;
    }
  }

  /** A BACKGROUND subscriber. */
  public static final class BackgroundSubscriber extends Subscriber {
    BackgroundSubscriber(Consumer<JobEvent> handler) {
      super(handler);
    }

    /** Receives every event. */
    @Subscribe(threadMode = ThreadMode.BACKGROUND)
    public void on(JobEvent event) {
      handler.accept(event);
    }
  }

  /** An ASYNC subscriber. */
  public static final class AsyncSubscriber extends Subscriber {
    AsyncSubscriber(Consumer<JobEvent> handler) {
      super(handler);
    }

    /** Receives every event. */
    @Subscribe(threadMode = ThreadMode.ASYNC)
    public void on(JobEvent event) {
      handler.accept(event);
    }
  }

  private final EventBus bus;
  private final boolean background;

  GreenrobotEventBus(int handlerCount, ThreadMode mode) {
    super("greenrobot-" + mode, 1);
    background = mode == ThreadMode.BACKGROUND;
    bus =
        EventBus.builder()
            .executorService(executor)
            .logNoSubscriberMessages(false)
            .sendNoSubscriberEvent(false)
            .build();
    for (Consumer<JobEvent> handler : Handlers.first(handlerCount)) {
      bus.register(background ? new BackgroundSubscriber(handler) : new AsyncSubscriber(handler));
    }
  }

  @Override
  public void publish(JobEvent event) {
    bus.post(event);
  }

  @Override
  public long lostDeliveries() {
    return background ? -1 : super.lostDeliveries();
  }
}
