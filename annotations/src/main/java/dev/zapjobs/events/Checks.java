package dev.zapjobs.events;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the event records; messages name the field. */
final class Checks {
  private Checks() {}

  static String notBlank(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return value;
  }

  static Duration notNegative(Duration value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isNegative()) {
      throw new IllegalArgumentException(field + " must not be negative, was " + value);
    }
    return value;
  }

  static long notNegative(long value, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must not be negative, was " + value);
    }
    return value;
  }
}
