package dev.zapjobs.events.spring.boot;

import dev.zapjobs.events.runtime.JobEventDispatcher;

/**
 * Adjusts the auto-configured dispatcher's builder after the {@code zapjobs.events.*} properties
 * have been applied: declare one or more as beans (ordered by {@code @Order}) for what properties
 * cannot say, for example {@code builder -> builder.executor(myExecutor)}. A customizer that sets
 * {@code handlerFilter} or {@code slowHandlerListener} replaces the starter's own (the include and
 * exclude lists, and the stuck-handler tracking of the health indicator).
 */
@FunctionalInterface
public interface ZapJobsEventsBuilderCustomizer {

  /** Adjusts {@code builder}; called once, before the dispatcher is built. */
  void customize(JobEventDispatcher.Builder builder);
}
