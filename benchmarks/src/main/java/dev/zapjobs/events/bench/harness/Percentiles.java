package dev.zapjobs.events.bench.harness;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Nearest-rank percentiles of a sample, as a JSON-ready map. */
final class Percentiles {

  private Percentiles() {}

  /** count, mean, p50, p90, p99, p99.9, max of {@code values} (sorted in place). */
  static Map<String, Object> of(long[] values, int count) {
    long[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("count", count);
    out.put("mean", count == 0 ? 0 : Arrays.stream(sorted).average().orElse(0));
    out.put("p50", rank(sorted, 0.50));
    out.put("p90", rank(sorted, 0.90));
    out.put("p99", rank(sorted, 0.99));
    out.put("p99.9", rank(sorted, 0.999));
    out.put("max", count == 0 ? 0 : sorted[count - 1]);
    return out;
  }

  /** The median of {@code values}. */
  static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return rank(sorted, 0.5);
  }

  private static long rank(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
