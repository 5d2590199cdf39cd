package dev.zapjobs.events.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void standsStill_untilMoved() {
    MutableClock clock = MutableClock.at(T0);

    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.millis()).isEqualTo(T0.toEpochMilli());
    assertThat(clock.advance(Duration.ofSeconds(30))).isEqualTo(T0.plusSeconds(30));
    assertThat(clock.advance(Duration.ofSeconds(-10))).isEqualTo(T0.plusSeconds(20));
    clock.set(T0);
    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void withZone_movesTogetherWithTheOriginal() {
    MutableClock clock = MutableClock.at(T0);
    MutableClock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofMinutes(1));

    assertThat(paris.instant()).isEqualTo(T0.plusSeconds(60));
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(paris).hasToString("MutableClock[2026-01-01T00:01:00Z, Europe/Paris]");
  }
}
