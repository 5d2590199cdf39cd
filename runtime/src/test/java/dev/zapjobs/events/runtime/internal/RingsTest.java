package dev.zapjobs.events.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RingsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"2, 2", "3, 4", "4, 4", "5, 8", "1000, 1024", "1024, 1024", "1025, 2048"})
  void shouldRoundTheCapacityUpToAPowerOfTwo(int requested, int expected) {
    assertThat(Rings.roundedCapacity(requested)).isEqualTo(expected);
    assertThat(new SpscRing<>(requested).capacity()).isEqualTo(expected);
    assertThat(new SpmcRing<>(requested).capacity()).isEqualTo(expected);
    assertThat(new MpscRing<>(requested).capacity()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 0, -4, (1 << 30) + 1})
  void shouldRejectCapacitiesOutOfRange(int requested) {
    assertThatThrownBy(() -> Rings.roundedCapacity(requested))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity");
  }
}
