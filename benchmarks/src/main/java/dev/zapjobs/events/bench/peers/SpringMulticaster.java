package dev.zapjobs.events.bench.peers;

import dev.zapjobs.events.JobEvent;
import java.util.function.Consumer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.core.ResolvableType;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Spring's {@link SimpleApplicationEventMulticaster} with a {@link ThreadPoolTaskExecutor} (one
 * thread, bounded queue, refusals counted instead of Spring's fallback of running the listener on
 * the caller), events wrapped as {@code ApplicationContext.publishEvent(Object)} wraps them.
 */
final class SpringMulticaster implements Design {

  /** A listener as a Spring user writes it. */
  static final class Listener implements ApplicationListener<PayloadApplicationEvent<JobEvent>> {
    private final Consumer<JobEvent> handler;

    Listener(Consumer<JobEvent> handler) {
      this.handler = handler;
    }

    @Override
    public void onApplicationEvent(PayloadApplicationEvent<JobEvent> event) {
      handler.accept(event.getPayload());
    }
  }

  private static final ResolvableType JOB_EVENT = ResolvableType.forClass(JobEvent.class);

  private final Handlers.CountingDiscard onFull = new Handlers.CountingDiscard();
  private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
  private final SimpleApplicationEventMulticaster multicaster =
      new SimpleApplicationEventMulticaster();

  SpringMulticaster(int handlerCount) {
    executor.setCorePoolSize(1);
    executor.setMaxPoolSize(1);
    executor.setQueueCapacity(Handlers.QUEUE_CAPACITY);
    executor.setRejectedExecutionHandler(onFull);
    executor.setThreadNamePrefix("spring-");
    executor.setDaemon(true);
    executor.initialize();
    multicaster.setTaskExecutor(executor);
    for (Consumer<JobEvent> handler : Handlers.first(handlerCount)) {
      multicaster.addApplicationListener(new Listener(handler));
    }
  }

  @Override
  public void publish(JobEvent event) {
    multicaster.multicastEvent(new PayloadApplicationEvent<>(this, event, JOB_EVENT));
  }

  @Override
  public long lostDeliveries() {
    return onFull.rejected();
  }

  @Override
  public void close() {
    executor.setWaitForTasksToCompleteOnShutdown(true);
    executor.setAwaitTerminationSeconds(5);
    executor.shutdown();
  }
}
