package dev.zapjobs.events.spring.boot;

import dev.zapjobs.events.micrometer.ContextPropagatingInterceptor;
import dev.zapjobs.events.micrometer.JobEventMetrics;
import dev.zapjobs.events.micrometer.ObservationInterceptor;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Micrometer for the auto-configured dispatcher, each part when its library is on the class path
 * (Actuator brings them all) and its property is not {@code false}:
 *
 * <ul>
 *   <li>{@code zapjobs.events.metrics.enabled}: {@link JobEventMetrics}, the dispatcher's observer
 *       and a {@code MeterBinder} that Spring Boot binds to its registry;
 *   <li>{@code zapjobs.events.context-propagation.enabled}: {@link ContextPropagatingInterceptor},
 *       which carries what is current on the job thread at publish (the current Observation, so the
 *       trace; the SLF4J MDC unless {@code zapjobs.events.context-propagation.mdc=false}; the
 *       accessors registered on the global {@code ContextRegistry}) into each handler call;
 *   <li>{@code zapjobs.events.observations.enabled}: {@link ObservationInterceptor}, each handler
 *       call as an Observation (a span with a tracing bridge), when there is an {@code
 *       ObservationRegistry} bean.
 * </ul>
 *
 * <p>The dispatcher registers every {@code JobEventObserver} and {@code HandlerCallInterceptor}
 * bean, in {@code @Order}: context first, then the observation, so that the call's observation
 * opens inside the job's context. Define a bean of one of these types to replace the starter's.
 */
@AutoConfiguration(
    after = ZapJobsEventsAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
      "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"
    })
@ConditionalOnClass(name = "dev.zapjobs.events.micrometer.JobEventMetrics")
@ConditionalOnBean(ZapJobsEventsLifecycle.class)
public class ZapJobsEventsObservabilityAutoConfiguration {

  /** The order of the context-propagating interceptor: before the observation's. */
  public static final int CONTEXT_PROPAGATION_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

  /** The order of the observation interceptor. */
  public static final int OBSERVATION_ORDER = Ordered.HIGHEST_PRECEDENCE + 200;

  /** Meters. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  @ConditionalOnProperty(
      prefix = "zapjobs.events.metrics",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  static class Metrics {

    @Bean
    @ConditionalOnMissingBean
    JobEventMetrics zapJobsEventsMetrics() {
      return new JobEventMetrics();
    }

    /** The gauges read the dispatcher's queues: attach it once it exists. */
    @Bean
    SmartInitializingSingleton zapJobsEventsMetricsAttachment(
        JobEventMetrics metrics, JobEventDispatcher dispatcher) {
      return () -> metrics.attach(dispatcher);
    }
  }

  /** The job thread's context inside the handler calls. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.context.ContextSnapshotFactory")
  @ConditionalOnProperty(
      prefix = "zapjobs.events.context-propagation",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  static class ContextPropagation {

    @Bean
    @Order(CONTEXT_PROPAGATION_ORDER)
    @ConditionalOnMissingBean
    ContextPropagatingInterceptor zapJobsEventsContextPropagation(
        ZapJobsEventsProperties properties) {
      if (!properties.getContextPropagation().isMdc()) {
        return ContextPropagatingInterceptor.create();
      }
      // The global registry's accessors plus the MDC's, in a registry of our own: registering the
      // MDC accessor globally would change what other libraries (Reactor) propagate.
      ContextRegistry registry = new ContextRegistry();
      ContextRegistry.getInstance().getThreadLocalAccessors().stream()
          .filter(a -> !Slf4jThreadLocalAccessor.KEY.equals(a.key()))
          .forEach(registry::registerThreadLocalAccessor);
      registry.registerThreadLocalAccessor(new Slf4jThreadLocalAccessor());
      return ContextPropagatingInterceptor.create(
          ContextSnapshotFactory.builder().contextRegistry(registry).build());
    }
  }

  /** Each handler call as an Observation. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
  @ConditionalOnBean(ObservationRegistry.class)
  @ConditionalOnProperty(
      prefix = "zapjobs.events.observations",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  static class Observations {

    @Bean
    @Order(OBSERVATION_ORDER)
    @ConditionalOnMissingBean
    ObservationInterceptor zapJobsEventsObservations(ObservationRegistry registry) {
      return new ObservationInterceptor(registry);
    }
  }
}
