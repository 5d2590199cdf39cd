package dev.zapjobs.events.spring.boot;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** {@link DispatcherHealth} as a Spring Boot 4 health indicator. */
final class Boot4HealthIndicator implements HealthIndicator {
  private final DispatcherHealth health;

  Boot4HealthIndicator(DispatcherHealth health) {
    this.health = health;
  }

  @Override
  public Health health() {
    DispatcherHealth.Result r = health.check();
    return Health.status(r.status()).withDetails(r.details()).build();
  }
}
