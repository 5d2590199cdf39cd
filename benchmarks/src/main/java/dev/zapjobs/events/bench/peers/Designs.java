package dev.zapjobs.events.bench.peers;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import java.util.List;
import org.greenrobot.eventbus.ThreadMode;

/** Makes a {@link Design} by name; the names are the {@code design} parameter of every scenario. */
public final class Designs {

  /** Every design, in report order. */
  public static final List<String> ALL =
      List.of(
          "direct",
          "disruptor-blocking",
          "disruptor-sleeping",
          "executor-per-event",
          "executor-per-handler",
          "guava-async",
          "greenrobot-background",
          "greenrobot-async",
          "spring",
          "zapjobs");

  private Designs() {}

  /**
   * A new, started design delivering to the first {@code handlers} benchmark handlers. Besides
   * {@link #ALL}, {@code zapjobs-observed} and {@code zapjobs-intercepted} are our dispatcher with
   * one observer or one interceptor registered (see {@link ZapJobsDispatcher.Hooks}).
   */
  public static Design create(String name, int handlers) {
    return switch (name) {
      case "direct" -> new DirectCall(handlers);
      case "disruptor-blocking" ->
          new DisruptorHandOff(handlers, new BlockingWaitStrategy(), "disruptor-blocking");
      case "disruptor-sleeping" ->
          new DisruptorHandOff(handlers, new SleepingWaitStrategy(), "disruptor-sleeping");
      case "executor-per-event" -> new NaiveExecutor(handlers, false);
      case "executor-per-handler" -> new NaiveExecutor(handlers, true);
      case "guava-async" -> new GuavaAsyncEventBus(handlers);
      case "greenrobot-background" -> new GreenrobotEventBus(handlers, ThreadMode.BACKGROUND);
      case "greenrobot-async" -> new GreenrobotEventBus(handlers, ThreadMode.ASYNC);
      case "spring" -> new SpringMulticaster(handlers);
      case "zapjobs" -> new ZapJobsDispatcher(handlers);
      // not in ALL (the report's designs): pass them with -p design=... to measure the hooks
      case "zapjobs-observed" -> new ZapJobsDispatcher(handlers, ZapJobsDispatcher.Hooks.OBSERVER);
      case "zapjobs-intercepted" ->
          new ZapJobsDispatcher(handlers, ZapJobsDispatcher.Hooks.INTERCEPTOR);
      default -> throw new IllegalArgumentException("unknown design " + name + "; one of " + ALL);
    };
  }
}
