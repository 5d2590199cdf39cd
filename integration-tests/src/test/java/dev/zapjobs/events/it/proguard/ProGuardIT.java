package dev.zapjobs.events.it.proguard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.it.support.ItEnvironment;
import dev.zapjobs.events.it.support.Jdk;
import dev.zapjobs.events.it.support.Jdk.Run;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample app's executable jar, shrunk, optimized and obfuscated by ProGuard with {@code
 * src/it/proguard/sample-app.pro} (no rule for any handler, event or generated class), delivers
 * every event and prints the same accounting as the jar it came from.
 */
class ProGuardIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  /** One row of the dispatcher table: name, published, delivered, failed, dropped, pending. */
  private static final Pattern HANDLER_ROW =
      Pattern.compile("^\\s+(\\S+\\(\\S+\\))\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s");

  private static Path work;
  private static Path config;
  private static Run original;

  @BeforeAll
  static void runTheOriginalJar() {
    work = ItEnvironment.freshWorkDir("proguard");
    assertThat(Path.of(System.getProperty("java.home"), "jmods", "java.base.jmod"))
        .as("ProGuard reads the JDK's classes from jmods/java.base.jmod: run with a full JDK")
        .exists();
    config = ItEnvironment.moduleDir().resolve("src/it/proguard/sample-app.pro");
    original = runSample(ItEnvironment.sampleAppJar()).succeeded();
  }

  @Test
  void shrunkAndObfuscatedSampleApp_deliversEveryEvent_andPrintsTheSameSummary()
      throws IOException {
    Path shrunk = work.resolve("sample-app-shrunk.jar");
    Path mapping = work.resolve("mapping.txt");
    proguard(config, shrunk, mapping);

    Run run = runSample(shrunk).succeeded();

    // Handler names come from the (renamed) classes; read them back through the mapping.
    String output = deobfuscateHandlerNames(run.output(), Files.readString(mapping));
    assertThat(comparableSummary(output))
        .as("summary of the shrunk jar, against the original's")
        .containsExactlyElementsOf(comparableSummary(original.output()));
    assertEveryEventSettled(run.output());
    assertThat(run.output())
        .as("all five kinds reached the EventLog handler")
        .contains(" ENQUEUED ", " STARTED ", " FAILED ", " RETRYING ", " COMPLETED ");

    // It really was shrunk and obfuscated: smaller, handler classes renamed and not in the jar.
    assertThat(Files.size(shrunk)).isLessThan(Files.size(ItEnvironment.sampleAppJar()));
    String names = Files.readString(mapping);
    assertThat(names)
        .containsPattern(
            "dev\\.zapjobs\\.events\\.sample\\.handlers\\.EventLog -> (?!dev\\.zapjobs\\.events\\.sample\\.handlers\\.EventLog:)")
        .containsPattern("\\.ZapJobs_HandlerBinding -> ");
    try (ZipFile jar = new ZipFile(shrunk.toFile())) {
      assertThat(jar.getEntry("dev/zapjobs/events/sample/handlers/EventLog.class")).isNull();
      assertThat(jar.getEntry("dev/zapjobs/events/sample/Main.class")).isNotNull();
    }
  }

  @Test
  void withoutTheRuntimesRules_proGuardRemovesTheBindings_andTheDispatcherNamesTheRules()
      throws IOException {
    Path shrunk = shrinkWithoutTheRuntimesRules("without-binding-rules", "");

    Run run = runSample(shrunk);

    assertThat(run.output())
        .contains("No @OnJobEvent handlers found. This application was processed by a shrinker")
        .contains("-include zapjobs-events-runtime.pro")
        .doesNotContain("annotation processor path")
        .contains("deliveries: 0 delivered");
  }

  /**
   * Without obfuscation the services file still names the bindings ProGuard removed: loading one
   * fails, and the message blames the shrinker, not a stale build.
   */
  @Test
  void withoutTheRuntimesRules_andWithoutObfuscation_buildFails_namingTheRules()
      throws IOException {
    Path shrunk = shrinkWithoutTheRuntimesRules("without-rules-dontobfuscate", "-dontobfuscate\n");

    Run run = runSample(shrunk);

    assertThat(run.exitCode()).as("the sample fails:%n%s", run.output()).isNotZero();
    assertThat(run.output())
        .contains("Could not load a generated ZapJobs Events binding")
        .contains("This application was processed by a shrinker")
        .contains("-include zapjobs-events-runtime.pro")
        .doesNotContain("stale services file");
  }

  /** Runs ProGuard with the configuration minus the runtime's rules, plus {@code extra} lines. */
  private static Path shrinkWithoutTheRuntimesRules(String name, String extra) throws IOException {
    Path withoutRules = work.resolve(name + ".pro");
    String text = Files.readString(config);
    String stripped = text.replaceAll("(?m)^-include <zapjobs\\.runtime\\.rules>\\n", "");
    assertThat(stripped).isNotEqualTo(text).doesNotContain("zapjobs.runtime.rules");
    Files.writeString(withoutRules, stripped + extra);
    Path shrunk = work.resolve(name + ".jar");
    proguard(withoutRules, shrunk, work.resolve(name + "-mapping.txt"));
    return shrunk;
  }

  private static void proguard(Path configuration, Path output, Path mapping) {
    // java -Dzapjobs.sample.jar=... -Dzapjobs.shrunk.jar=... -Dzapjobs.mapping=...
    //      -cp PROGUARD_CLASSPATH proguard.ProGuard @sample-app.pro
    Jdk.run(
            work,
            TIMEOUT,
            "java",
            List.of(
                "-Dzapjobs.sample.jar=" + ItEnvironment.sampleAppJar(),
                "-Dzapjobs.shrunk.jar=" + output,
                "-Dzapjobs.mapping=" + mapping,
                "-Dzapjobs.runtime.rules=" + runtimeRules(),
                "-cp",
                ItEnvironment.proguardClasspath(),
                "proguard.ProGuard",
                "@" + configuration))
        .succeeded();
  }

  /** The shrinker rules the runtime ships, taken out of the jar under test as a user would. */
  private static Path runtimeRules() {
    Path rules = work.resolve("zapjobs-events-runtime.pro");
    try (ZipFile jar = new ZipFile(ItEnvironment.sampleAppJar().toFile())) {
      ZipEntry entry = jar.getEntry("META-INF/proguard/zapjobs-events-runtime.pro");
      assertThat(entry).as("the runtime jar ships its ProGuard/R8 rules").isNotNull();
      try (InputStream in = jar.getInputStream(entry)) {
        Files.copy(in, rules, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rules;
  }

  private static Run runSample(Path jar) {
    return Jdk.run(work, TIMEOUT, "java", List.of("-jar", jar.toString()));
  }

  /**
   * The summary without what differs from run to run: durations, latencies, run ids, how far the
   * deliberately slow handler had got when the jobs finished, and the verdict drawn from timings.
   */
  static List<String> comparableSummary(String output) {
    int start = output.indexOf("SUMMARY");
    assertThat(start).as("the sample printed its summary:%n%s", output).isNotNegative();
    return output
        .substring(start)
        .lines()
        .filter(line -> !line.strip().startsWith("SlowHandler ") && !line.strip().startsWith("=>"))
        .filter(line -> !line.contains("wall time") && !line.contains("in publish()"))
        .map(
            line ->
                line.replaceAll(
                        "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<run>")
                    .replaceAll("\\b\\d+(\\.\\d+)?\\s?(ms|us|ns|s)\\b", "<time>")
                    .replaceAll("\\s+", " ")
                    .strip())
        .toList();
  }

  /**
   * {@code e.onFailed(h)} back to {@code Alerts.onFailed(JobFailed)}: handler names are made of the
   * handler class's and the event type's names, which ProGuard renamed; its mapping ({@code
   * original -> renamed:} per class) says what they were, as ReTrace would. The sample's handler
   * classes share one package, and the events another, so their renamed simple names are unique.
   */
  static String deobfuscateHandlerNames(String output, String mapping) {
    Map<String, String> classes = new HashMap<>();
    Map<String, String> events = new HashMap<>();
    Matcher m =
        Pattern.compile("(?m)^(dev\\.zapjobs\\.events\\.[\\w.$]+) -> ([\\w.$]+):$")
            .matcher(mapping);
    while (m.find()) {
      String original = simpleName(m.group(1));
      String renamed = simpleName(m.group(2));
      if (m.group(1).startsWith("dev.zapjobs.events.sample.handlers.")) {
        classes.put(renamed, original);
      } else if (m.group(1).matches("dev\\.zapjobs\\.events\\.Job\\w+")) {
        events.put(renamed, original);
      }
    }
    Matcher name = Pattern.compile("(?<=\\s)([\\w.]+)\\.(\\w+)\\((\\w+)\\)").matcher(output);
    StringBuilder translated = new StringBuilder();
    while (name.find()) {
      String type = classes.getOrDefault(name.group(1), name.group(1));
      String event = events.getOrDefault(name.group(3), name.group(3));
      name.appendReplacement(
          translated, Matcher.quoteReplacement(type + "." + name.group(2) + "(" + event + ")"));
    }
    name.appendTail(translated);
    return translated.toString();
  }

  /** {@code a.b.C$D} -> {@code C.D}. */
  private static String simpleName(String binaryName) {
    return binaryName.substring(binaryName.lastIndexOf('.') + 1).replace('$', '.');
  }

  /** Each handler settled every event it was given: published = delivered + failed, none lost. */
  private static void assertEveryEventSettled(String output) {
    List<Matcher> rows = output.lines().map(HANDLER_ROW::matcher).filter(Matcher::find).toList();
    assertThat(rows).as("dispatcher table rows").hasSizeGreaterThanOrEqualTo(5);
    for (Matcher row : rows) {
      long published = Long.parseLong(row.group(2));
      long delivered = Long.parseLong(row.group(3));
      long failed = Long.parseLong(row.group(4));
      assertThat(published).as("%s published", row.group(1)).isPositive();
      assertThat(delivered + failed).as("%s settled", row.group(1)).isEqualTo(published);
      assertThat(row.group(5)).as("%s dropped", row.group(1)).isEqualTo("0");
      assertThat(row.group(6)).as("%s pending", row.group(1)).isEqualTo("0");
    }
  }
}
