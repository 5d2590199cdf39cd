package dev.zapjobs.events.spring.boot;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** {@link DispatcherHealth} as a Spring Boot 3 health indicator. */
final class Boot3HealthIndicator implements HealthIndicator {
  private final DispatcherHealth health;

  Boot3HealthIndicator(DispatcherHealth health) {
    this.health = health;
  }

  @Override
  public Health health() {
    DispatcherHealth.Result r = health.check();
    return Health.status(r.status()).withDetails(r.details()).build();
  }
}
