package dev.zapjobs.events.dbscheduler;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.Task;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * One scheduler node as a user runs it: its own dispatcher (with the test's handlers) and a
 * db-scheduler scheduler that takes the adapter in one line.
 */
final class Node implements AutoCloseable {
  final String name;
  final RecordingHandler recorder = new RecordingHandler();
  final ThrowingHandler throwing = new ThrowingHandler();
  final DeadLetterAlerts alerts = new DeadLetterAlerts();
  final BlockedHandler blocked;
  final JobEventDispatcher dispatcher;
  final ZapJobsDbScheduler adapter;
  final Scheduler scheduler;

  Node(
      String name,
      DataSource ds,
      String table,
      List<Task<?>> tasks,
      CountDownLatch blockUntil,
      UnaryOperator<SchedulerBuilder> tuning) {
    this.name = name;
    this.blocked = new BlockedHandler(blockUntil);
    Map<Class<?>, Object> handlers =
        Map.of(
            RecordingHandler.class, recorder,
            ThrowingHandler.class, throwing,
            DeadLetterAlerts.class, alerts,
            BlockedHandler.class, blocked);
    this.dispatcher =
        JobEventDispatcher.builder()
            .handlerResolver(handlers::get)
            .queueCapacity(1 << 16)
            .slowHandlerListener((handler, event, runningFor) -> {})
            .build();
    this.adapter = ZapJobsDbScheduler.builder(dispatcher).maxRetries("flaky", 2).build();
    SchedulerBuilder builder =
        Scheduler.create(ds, tasks)
            .tableName(table)
            .schedulerName(new SchedulerName.Fixed(name))
            .pollingInterval(Duration.ofMillis(50))
            .pollUsingLockAndFetch(0.5, 1.0)
            .threads(8)
            .failureLogging(LogLevel.DEBUG, false)
            .shutdownMaxWait(Duration.ofMillis(200))
            .addSchedulerListener(adapter);
    this.scheduler = tuning.apply(builder).build();
  }

  Node start() {
    scheduler.start();
    return this;
  }

  @Override
  public void close() {
    scheduler.stop();
    dispatcher.close(Duration.ofSeconds(5));
  }
}
