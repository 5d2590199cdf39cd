package dev.zapjobs.events.spring.boot;

import dev.zapjobs.events.runtime.JobEventDispatcher;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code zapjobsevents} Actuator endpoint ({@link ZapJobsEventsEndpoint}), when Actuator is on
 * the class path and the endpoint is available (enabled and exposed). The endpoint API did not move
 * between Spring Boot 3 and 4, so one configuration serves both.
 */
@AutoConfiguration(after = ZapJobsEventsAutoConfiguration.class)
@ConditionalOnClass(
    name = {
      "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
      "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint"
    })
@ConditionalOnBean(JobEventDispatcher.class)
@ConditionalOnAvailableEndpoint(endpoint = ZapJobsEventsEndpoint.class)
public class ZapJobsEventsEndpointAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ZapJobsEventsEndpoint zapJobsEventsEndpoint(JobEventDispatcher dispatcher) {
    return new ZapJobsEventsEndpoint(dispatcher);
  }
}
