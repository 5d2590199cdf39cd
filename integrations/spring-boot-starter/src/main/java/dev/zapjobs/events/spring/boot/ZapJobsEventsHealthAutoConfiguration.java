package dev.zapjobs.events.spring.boot;

import dev.zapjobs.events.runtime.JobEventDispatcher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code zapJobsEvents} health indicator (see {@link DispatcherHealth} for its statuses), on
 * Spring Boot 3 or Spring Boot 4, whichever is on the class path: Boot 4 moved the health API from
 * {@code org.springframework.boot.actuate.health} to {@code
 * org.springframework.boot.health.contributor}, so there is one nested configuration per line, each
 * guarded by the class it needs. Turned off by {@code
 * management.health.zapjobsevents.enabled=false}.
 */
@AutoConfiguration(after = ZapJobsEventsAutoConfiguration.class)
@ConditionalOnBean(JobEventDispatcher.class)
public class ZapJobsEventsHealthAutoConfiguration {

  /** The indicator's bean name; its health component is {@code zapJobsEvents}. */
  public static final String BEAN_NAME = "zapJobsEventsHealthIndicator";

  static DispatcherHealth dispatcherHealth(
      JobEventDispatcher dispatcher,
      ObjectProvider<ZapJobsEventsLifecycle> lifecycle,
      ObjectProvider<ZapJobsEventsProperties> properties) {
    ZapJobsEventsLifecycle owner = lifecycle.getIfUnique();
    StuckHandlers stuck =
        owner != null && owner.dispatcher() == dispatcher ? owner.stuckHandlers() : null;
    ZapJobsEventsProperties settings = properties.getIfAvailable(ZapJobsEventsProperties::new);
    return new DispatcherHealth(dispatcher, stuck, settings.getHealth(), System::nanoTime);
  }

  /** Spring Boot 3.x. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  @org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator(
      "zapjobsevents")
  static class Boot3 {
    @Bean(name = BEAN_NAME)
    @ConditionalOnMissingBean(name = BEAN_NAME)
    org.springframework.boot.actuate.health.HealthIndicator zapJobsEventsHealthIndicator(
        JobEventDispatcher dispatcher,
        ObjectProvider<ZapJobsEventsLifecycle> lifecycle,
        ObjectProvider<ZapJobsEventsProperties> properties) {
      return new Boot3HealthIndicator(dispatcherHealth(dispatcher, lifecycle, properties));
    }
  }

  /** Spring Boot 4.x. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator(
      "zapjobsevents")
  static class Boot4 {
    @Bean(name = BEAN_NAME)
    @ConditionalOnMissingBean(name = BEAN_NAME)
    org.springframework.boot.health.contributor.HealthIndicator zapJobsEventsHealthIndicator(
        JobEventDispatcher dispatcher,
        ObjectProvider<ZapJobsEventsLifecycle> lifecycle,
        ObjectProvider<ZapJobsEventsProperties> properties) {
      return new Boot4HealthIndicator(dispatcherHealth(dispatcher, lifecycle, properties));
    }
  }
}
