package dev.zapjobs.events.sample.runner;

/**
 * The outcome of a successful attempt.
 *
 * @param output the output as JSON text, or {@code null}
 * @param succeededItems how many items were processed successfully; not negative
 * @param failedItems how many items failed without failing the job; not negative
 */
public record JobResult(String output, long succeededItems, long failedItems) {

  /** Validates the counts. */
  public JobResult {
    if (succeededItems < 0 || failedItems < 0) {
      throw new IllegalArgumentException(
          "item counts must not be negative, were " + succeededItems + "/" + failedItems);
    }
  }

  /** A result with {@code output} and no item counts. */
  public static JobResult of(String output) {
    return new JobResult(output, 0, 0);
  }

  /** A result without output or item counts. */
  public static JobResult empty() {
    return new JobResult(null, 0, 0);
  }
}
