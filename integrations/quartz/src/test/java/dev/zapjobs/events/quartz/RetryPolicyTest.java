package dev.zapjobs.events.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void none_triesOnce() {
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    assertThat(RetryPolicy.none().retriesAfter(1)).isFalse();
  }

  @Test
  void fixed_waitsTheSameAfterEachFailure_upToMaxAttempts() {
    RetryPolicy policy = RetryPolicy.fixed(3, Duration.ofSeconds(10));
    assertThat(policy.retriesAfter(1)).isTrue();
    assertThat(policy.retriesAfter(2)).isTrue();
    assertThat(policy.retriesAfter(3)).isFalse();
    assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void exponential_doubles_andIsCappedByMaxDelay() {
    RetryPolicy policy = RetryPolicy.exponential(6, Duration.ofSeconds(1));
    assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofSeconds(8));
    RetryPolicy capped = policy.withMaxDelay(Duration.ofSeconds(5));
    assertThat(capped.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(capped.delayAfter(4)).isEqualTo(Duration.ofSeconds(5));
    assertThat(capped.delayAfter(5)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void exponential_doesNotOverflow_afterManyAttempts() {
    RetryPolicy policy = RetryPolicy.exponential(Integer.MAX_VALUE, Duration.ofSeconds(1));
    assertThat(policy.delayAfter(1_000)).isPositive();
  }

  @Test
  void invalidArguments_areRejectedWithTheirName() {
    assertThatThrownBy(() -> RetryPolicy.fixed(0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> RetryPolicy.exponential(2, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("firstDelay");
    assertThatThrownBy(() -> RetryPolicy.none().delayAfter(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("failedAttempt");
  }
}
