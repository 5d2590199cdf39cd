package dev.zapjobs.events.sample.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void delayGrowsByTheMultiplierPerFailedAttempt_upToTheCap() {
    RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(10), 2.0, Duration.ofMillis(50));
    assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMillis(10));
    assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofMillis(20));
    assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofMillis(40));
    assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofMillis(50));
    assertThat(policy.delayAfter(60)).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void retriesUntilMaxAttempts() {
    RetryPolicy policy = RetryPolicy.exponential(3, Duration.ofMillis(1));
    assertThat(policy.retriesAfter(1)).isTrue();
    assertThat(policy.retriesAfter(2)).isTrue();
    assertThat(policy.retriesAfter(3)).isFalse();
    assertThat(RetryPolicy.none().retriesAfter(1)).isFalse();
  }

  @Test
  void invalidPolicies_areRejectedNamingTheField() {
    assertThatThrownBy(() -> RetryPolicy.exponential(0, Duration.ZERO))
        .hasMessage("maxAttempts must be >= 1, was 0");
    assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofMillis(5), 0.5, Duration.ofMillis(5)))
        .hasMessage("multiplier must be finite and >= 1, was 0.5");
    assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofMillis(5), 2, Duration.ofMillis(1)))
        .hasMessageStartingWith("maxDelay must be >= baseDelay");
    assertThatThrownBy(() -> RetryPolicy.none().delayAfter(0))
        .hasMessage("failedAttempt must be >= 1, was 0");
  }
}
