package dev.zapjobs.events.spring.boot.sampletest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The sample application packaged by spring-boot-maven-plugin and run with {@code java -jar}: the
 * generated bindings are found inside the nested jar, the handlers receive the events of the jobs
 * it runs at start, the endpoint answers, and on SIGTERM the dispatcher drains and logs its close
 * report before the beans are destroyed.
 */
class SampleJarIT {
  private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
  private static final int JOBS = 200;

  @Test
  void executableJar_deliversEvents_andDrainsOnShutdown() throws Exception {
    Path jar = Path.of(System.getProperty("sample.jar"));
    assertThat(jar).exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process app =
        new ProcessBuilder(
                java,
                "-XX:TieredStopAtLevel=1", // C1 only: a faster start on a small machine
                "-jar",
                jar.toString(),
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--sample.jobs-on-start=" + JOBS)
            .redirectErrorStream(true)
            .start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (Exception e) {
                lines.add("reader failed: " + e);
              }
            });
    reader.start();
    try {
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> !app.isAlive() || contains(lines, "sample: ran " + JOBS + " jobs"));
      assertThat(app.isAlive()).as(String.join("\n", lines)).isTrue();
      int port = port(lines);

      HttpResponse<String> endpoint =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + port + "/actuator/zapjobsevents"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(endpoint.statusCode()).isEqualTo(200);
      assertThat(endpoint.body()).contains("\"name\":\"JobAudit.record(JobEvent)\"");

      // SIGTERM, and Spring Boot's shutdown hook closes the context. ProcessHandle.destroy, not
      // Process.destroy: the latter also closes our end of the output, losing the shutdown log.
      assertThat(app.toHandle().destroy()).isTrue();
      assertThat(app.waitFor(60, TimeUnit.SECONDS)).as(String.join("\n", lines)).isTrue();
      reader.join(10_000);
    } finally {
      app.destroyForcibly();
    }

    String log = String.join("\n", lines);
    // the dispatcher drained first, then the beans were destroyed (SampleCounters logs last)
    int closed = log.indexOf("ZapJobs Events dispatcher closed");
    int summary =
        log.indexOf(
            "sample: handlers saw audited="
                + 3 * JOBS
                + " alerted="
                + JOBS / 10
                + " metered="
                + (JOBS - JOBS / 10));
    assertThat(closed).as(log).isNotNegative();
    assertThat(log).doesNotContain("left undelivered");
    assertThat(summary).as(log).isGreaterThan(closed);
    assertThat(log).doesNotContain("DEBUG JobStarted"); // the excluded handler never ran
    Files.writeString(
        Path.of(System.getProperty("sample.jar")).resolveSibling("sample-jar-it.log"), log);
  }

  private static boolean contains(List<String> lines, String text) {
    return lines.stream().anyMatch(l -> l.contains(text));
  }

  private static int port(List<String> lines) {
    for (String line : lines) {
      Matcher m = PORT.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    throw new AssertionError("no port in the log:\n" + String.join("\n", lines));
  }
}
