package dev.zapjobs.events.quartz;

/**
 * What a {@link ScriptedJob} run does, and the lifecycle ({@link Notation}) the adapter must report
 * for it under {@link #POLICY}.
 */
enum Plan {
  OK(0, 0, "E1 S1 C1"),
  FAIL_ONCE(1, 0, "E1 S1 F1r R1>2 E2r S2 C2"),
  FAIL_TWICE(2, 0, "E1 S1 F1r R1>2 E2r S2 F2r R2>3 E3r S3 C3"),
  FAIL_ALWAYS(Integer.MAX_VALUE, 0, "E1 S1 F1r R1>2 E2r S2 F2r R2>3 E3r S3 F3d"),
  /** Throws a {@code JobExecutionException} with {@code refireImmediately} on attempt 1. */
  REFIRE_ONCE(0, 0, "E1 S1 F1r R1>2 E2r S2 C2"),
  /** Throws an {@code IllegalStateException} (no {@code JobExecutionException}) on attempt 1. */
  RUNTIME_FAIL_ONCE(0, 0, "E1 S1 F1r R1>2 E2r S2 C2"),
  /** Vetoed by the test's trigger listener. */
  VETO(0, 0, "E1 F1d:VETOED"),
  /** Due long ago, with a misfire instruction that skips it. */
  MISFIRE_SKIP(0, 0, "E1 F1d:MISFIRED"),
  /** Due long ago, with a misfire instruction that fires it late. */
  MISFIRE_LATE(0, 0, "E1 S1 C1"),
  /** Always fails, on a job whose retry policy is none. */
  FAIL_NO_RETRY(Integer.MAX_VALUE, 0, "E1 S1 F1d"),
  /** Blocks until the test releases it, then fails. */
  BLOCK_THEN_FAIL(0, 0, null),
  /** Blocks on its first attempt until the test releases it; succeeds on any other. */
  BLOCK_ONCE(0, 0, null),
  /** Works 20 ms, fails on its first two attempts. */
  SLOW_FAIL_TWICE(2, 20, "E1 S1 F1r R1>2 E2r S2 F2r R2>3 E3r S3 C3"),
  /** Works 20 ms, fails on every attempt. */
  SLOW_FAIL_ALWAYS(Integer.MAX_VALUE, 20, "E1 S1 F1r R1>2 E2r S2 F2r R2>3 E3r S3 F3d"),
  /** Works 20 ms. */
  SLOW_OK(0, 20, "E1 S1 C1");

  /** The retry policy the expected lifecycles assume. */
  static final RetryPolicy POLICY = RetryPolicy.exponential(3, java.time.Duration.ofMillis(5));

  final int failures;
  final long work;
  final String expected;

  Plan(int failures, long work, String expected) {
    this.failures = failures;
    this.work = work;
    this.expected = expected;
  }
}
