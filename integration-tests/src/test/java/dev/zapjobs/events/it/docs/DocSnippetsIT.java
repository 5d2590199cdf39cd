package dev.zapjobs.events.it.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.it.docs.SnippetChecker.Check;
import dev.zapjobs.events.it.docs.SnippetChecker.Marker;
import dev.zapjobs.events.it.docs.SnippetChecker.Snippet;
import dev.zapjobs.events.it.support.ItEnvironment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Java snippet of the documentation compiles as written, and the tests among them pass: one
 * dynamic test per {@code ```java} block of {@code README.md}, {@code docs/*.md} and each module's
 * {@code README.md}, named by its page and line. The rules a block follows, and how to give the
 * compile another module's classes, are in {@link SnippetChecker}.
 *
 * <p>Run alone: {@code mvn -B -ntp -pl integration-tests -am verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * -Dit.test=DocSnippetsIT}. What each check compiled stays in {@code
 * integration-tests/target/it-work/docs/}.
 */
class DocSnippetsIT {
  private static final Path ROOT = ItEnvironment.moduleDir().getParent();

  private static SnippetChecker checker(String workDirName) {
    List<Path> classPath =
        Arrays.stream(System.getProperty("docs.classpath", "").split(File.pathSeparator))
            .filter(s -> !s.isBlank())
            .map(Path::of)
            .toList();
    assertThat(classPath)
        .as("the docs.classpath system property (set by integration-tests/pom.xml)")
        .isNotEmpty();
    return new SnippetChecker(
        classPath, ItEnvironment.processorJar(), ItEnvironment.freshWorkDir(workDirName));
  }

  /** README.md, docs/*.md and every module's README.md (one or two directories down). */
  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    try (Stream<Path> all = Files.walk(ROOT, 3)) {
      all.filter(p -> p.getFileName().toString().equals("README.md"))
          .filter(p -> !p.getParent().equals(ROOT))
          .filter(p -> !ROOT.relativize(p).toString().contains("target"))
          .sorted()
          .forEach(pages::add);
    }
    return pages;
  }

  @TestFactory
  Stream<DynamicTest> everyJavaSnippetOfTheDocsCompiles_andItsTestsPass() throws IOException {
    SnippetChecker checker = checker("docs");
    List<DynamicTest> tests = new ArrayList<>();
    AtomicLong testsRun = new AtomicLong();
    for (Path page : pages()) {
      String name = ROOT.relativize(page).toString().replace(File.separatorChar, '/');
      List<Snippet> snippets = SnippetChecker.extract(name, Files.readString(page));
      for (Check check : SnippetChecker.checks(snippets)) {
        tests.add(
            DynamicTest.dynamicTest(
                check.name(),
                () -> {
                  SnippetChecker.Result result = checker.verifyCounting(check);
                  testsRun.addAndGet(result.testsRun());
                  Optional<String> problem = result.problem();
                  if (problem.isPresent()) {
                    throw new AssertionError(
                        "A snippet of the docs does not work as written:\n" + problem.get());
                  }
                }));
      }
    }
    assertThat(tests).as("snippets found").hasSizeGreaterThan(10);
    // Not vacuous: the tests the docs show (README.md, docs/TESTING.md) did run.
    tests.add(
        DynamicTest.dynamicTest(
            "the docs' tests ran",
            () -> assertThat(testsRun).as("tests run from the docs").hasValueGreaterThan(8)));
    return tests.stream();
  }

  // ---------------------------------------------------------------------------------------------
  // The checker itself: it must fail when a snippet does not compile or its test fails.

  private static Optional<String> verifyAll(SnippetChecker checker, String markdown) {
    List<String> problems = new ArrayList<>();
    for (Check c : SnippetChecker.checks(SnippetChecker.extract("PAGE.md", markdown))) {
      checker.verify(c).ifPresent(problems::add);
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", problems));
  }

  @Test
  void aBrokenSnippet_failsTheCheck_namingThePageLineAndJavacsError() {
    String page =
        String.join(
            "\n",
            "# A page",
            "",
            "```java",
            "import dev.zapjobs.events.runtime.JobEventDispatcher;",
            "",
            "JobEventDispatcher dispatcher = JobEventDispatcher.builder().build();",
            "dispatcher.close(Duration.ofSeconds(5));",
            "```",
            "");

    assertThat(verifyAll(checker("broken"), page))
        .hasValueSatisfying(
            problem ->
                assertThat(problem)
                    .startsWith("PAGE.md:7: cannot find symbol")
                    .contains("variable Duration"));
  }

  @Test
  void aSnippetWithoutItsImport_fails() {
    String page = "```java\nJobRun run = JobRun.of(\"run-1\", \"report\");\n```\n";

    assertThat(verifyAll(checker("no-import"), page))
        .hasValueSatisfying(
            problem -> assertThat(problem).startsWith("PAGE.md:2: cannot find symbol"));
  }

  @Test
  void statements_members_andWholeFiles_compile_withTheProcessor() {
    String page =
        String.join(
            "\n",
            "```java",
            "import dev.zapjobs.events.JobRun;",
            "",
            "JobRun run = JobRun.of(\"run-1\", \"report\").withAttempt(2);",
            "```",
            "",
            "```java",
            "import dev.zapjobs.events.JobFailed;",
            "import dev.zapjobs.events.OnJobEvent;",
            "",
            "@OnJobEvent",
            "void onFailed(JobFailed e) {}",
            "```",
            "",
            "```java",
            "import dev.zapjobs.events.JobEvent;",
            "import dev.zapjobs.events.OnJobEvent;",
            "",
            "public final class Audit {",
            "  @OnJobEvent",
            "  void on(JobEvent e) {}",
            "}",
            "```",
            "",
            "```java continued",
            "import dev.zapjobs.events.runtime.JobEventDispatcher;",
            "",
            "final class Wiring {",
            "  JobEventDispatcher d = JobEventDispatcher.builder().addBinding(new"
                + " ZapJobs_HandlerBinding()).build();",
            "}",
            "```",
            "");

    assertThat(verifyAll(checker("shapes"), page)).isEmpty();
  }

  @Test
  void aTestInASnippet_isRun_andItsFailureFailsTheCheck() {
    String page =
        String.join(
            "\n",
            "```java",
            "import static org.junit.jupiter.api.Assertions.assertEquals;",
            "",
            "import org.junit.jupiter.api.Test;",
            "",
            "class ArithmeticTest {",
            "  @Test",
            "  void twoAndTwo() {",
            "    assertEquals(5, 2 + 2);",
            "  }",
            "}",
            "```",
            "");

    assertThat(verifyAll(checker("failing-test"), page))
        .hasValueSatisfying(
            problem ->
                assertThat(problem)
                    .startsWith("PAGE.md:1: test twoAndTwo() failed: ")
                    .contains("expected: <5> but was: <4>"));
  }

  @Test
  void statementsAreRun_andWhatTheyThrowFailsTheCheck() {
    String page =
        String.join(
            "\n",
            "```java",
            "import dev.zapjobs.events.JobRun;",
            "",
            "JobRun run = JobRun.of(\" \", \"report\");",
            "```",
            "");

    assertThat(verifyAll(checker("throwing-statements"), page))
        .hasValue(
            "PAGE.md:1: Snippet_2: the statements threw java.lang.IllegalArgumentException: runId"
                + " must not be blank");
  }

  @Test
  void snippetsRunOnTheDocsClassPathAlone_notOnThisModulesTestClasses() {
    String page =
        String.join(
            "\n",
            "```java",
            "Class.forName(\"dev.zapjobs.events.it.docs.DocSnippetsIT\");",
            "```",
            "");

    assertThat(verifyAll(checker("isolated"), page))
        .hasValueSatisfying(
            problem ->
                assertThat(problem)
                    .isEqualTo(
                        "PAGE.md:1: Snippet_2: the statements threw"
                            + " java.lang.ClassNotFoundException:"
                            + " dev.zapjobs.events.it.docs.DocSnippetsIT"));
  }

  @Test
  void optingOut_needsTheMarkerAndAReason() {
    String page =
        String.join(
            "\n",
            "```java not-compiled: shows what the processor rejects",
            "@OnJobEvent private void on(JobEvent e) {}",
            "```",
            "",
            "```java not-compiled",
            "this is not Java",
            "```",
            "",
            "```java compiles-maybe",
            "this is not Java either",
            "```",
            "");
    List<Snippet> snippets = SnippetChecker.extract("PAGE.md", page);

    assertThat(snippets)
        .extracting(Snippet::marker)
        .containsExactly(Marker.NOT_COMPILED, Marker.NOT_COMPILED, Marker.STANDALONE);
    assertThat(verifyAll(checker("markers"), page))
        .hasValue(
            "PAGE.md:5: the block is marked not-compiled without a reason: write ```java"
                + " not-compiled: <why it cannot compile>\n"
                + "PAGE.md:9: unknown marker 'compiles-maybe' after ```java: use nothing,"
                + " 'continued' or 'not-compiled: <reason>'");
  }
}
