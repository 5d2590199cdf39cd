package dev.zapjobs.events.micrometer;

import static dev.zapjobs.events.micrometer.TestDispatchers.failed;
import static dev.zapjobs.events.micrometer.TestDispatchers.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.runtime.JobEventDispatcher;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/METRICS-AND-TRACING.md says what is true: its Java compiles, its meter names are real. */
class DocumentationTest {
  static final Path PAGE = Path.of("../../docs/METRICS-AND-TRACING.md");

  @Test
  void everyJavaSnippet_compilesAsWritten(@TempDir Path out) throws IOException {
    List<String> snippets = blocks("java");
    assertThat(snippets).hasSizeGreaterThanOrEqualTo(5);
    List<JavaFileObject> sources = new ArrayList<>();
    for (String code : snippets) {
      Matcher type = Pattern.compile("(?m)^(?:public )?final class (\\w+)").matcher(code);
      assertThat(type.find()).as("a snippet declares a class:%n%s", code).isTrue();
      sources.add(new Source(type.group(1), code));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, null)) {
      List<String> options =
          List.of(
              "-proc:none",
              "-Xlint:all",
              "-Werror",
              "-classpath",
              System.getProperty("java.class.path"),
              "-d",
              out.toString());
      boolean ok = javac.getTask(null, files, diagnostics, options, null, sources).call();
      List<String> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        errors.add(d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null));
      }
      assertThat(errors).isEmpty();
      assertThat(ok).isTrue();
    }
  }

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

  /** The fenced blocks of {@code language} in the page. */
  private static List<String> blocks(String language) throws IOException {
    List<String> blocks = new ArrayList<>();
    Matcher m =
        Pattern.compile("(?ms)^( *)```" + language + "\\n(.*?)^\\1```$")
            .matcher(Files.readString(PAGE));
    while (m.find()) {
      String indent = m.group(1);
      blocks.add(m.group(2).replaceAll("(?m)^" + indent, ""));
    }
    return blocks;
  }

  /** A source file held in memory. */
  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String className, String code) {
      super(java.net.URI.create("string:///" + className + ".java"), Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }
}
