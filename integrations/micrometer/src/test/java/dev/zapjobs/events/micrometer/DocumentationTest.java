package dev.zapjobs.events.micrometer;

import static dev.zapjobs.events.micrometer.TestDispatchers.failed;
import static dev.zapjobs.events.micrometer.TestDispatchers.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.runtime.JobEventDispatcher;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/METRICS-AND-TRACING.md names the meters a Prometheus scrape really shows (its Java snippets
 * are compiled by the integration tests' DocSnippetsIT, with every other page's).
 */
class DocumentationTest {
  static final Path PAGE = Path.of("../../docs/METRICS-AND-TRACING.md");

  @Test
  void everyPrometheusNameInTheMeterTable_isInAScrape() throws Exception {
    List<String> names = new ArrayList<>();
    Matcher row =
        Pattern.compile("(?m)^\\| `zapjobs\\.events\\.[a-z.]+` \\| `(zapjobs_[a-z_]+)` \\|")
            .matcher(Files.readString(PAGE));
    while (row.find()) {
      names.add(row.group(1));
    }
    assertThat(names).hasSize(7);

    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JobEventMetricsTest.Blocking busy = new JobEventMetricsTest.Blocking();
    JobEventDispatcher dispatcher =
        JobEventMetrics.monitor(
            prometheus,
            TestDispatchers.builder(busy, new JobEventMetricsTest.Workload()).queueCapacity(2));
    try {
      dispatcher.publish(failed("f"));
      dispatcher.publish(started("s0"));
      assertThat(busy.entered.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 1; i <= 4; i++) {
        dispatcher.publish(started("s" + i));
      }
      // Meters appear as the calls settle and the drops happen; wait for all of them.
      await()
          .untilAsserted(
              () -> {
                String scrape = prometheus.scrape();
                for (String name : names) {
                  assertThat(scrape)
                      .as("a sample of %s", name)
                      .containsPattern("(?m)^" + name + "(_count|_sum|_max|_bucket)?[{ ]");
                }
              });
    } finally {
      busy.release.countDown();
      dispatcher.close(Duration.ofSeconds(5));
    }
  }
}
