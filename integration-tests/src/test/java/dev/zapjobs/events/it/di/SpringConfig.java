package dev.zapjobs.events.it.di;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's Spring configuration: one shared {@link AuditLog}. */
@Configuration
class SpringConfig {
  @Bean
  AuditLog auditLog() {
    return new AuditLog();
  }
}
