package dev.zapjobs.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Argument checks and text helpers shared by the event records; messages name the field. */
final class Checks {
  private Checks() {}

  static <T> T notNull(T value, String field) {
    return Objects.requireNonNull(value, field);
  }

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

  /** The current instant, for builders whose timestamp was not set. */
  static Instant now() {
    return Instant.now();
  }

  /** At most {@code max} characters of {@code text}, with an ellipsis when cut; "null" for null. */
  static String abbreviate(String text, int max) {
    if (text == null) {
      return "null";
    }
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
