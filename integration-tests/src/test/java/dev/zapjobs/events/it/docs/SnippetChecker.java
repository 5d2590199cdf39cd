package dev.zapjobs.events.it.docs;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the Java code blocks of Markdown pages as a user would paste them, with javac and the
 * ZapJobs Events processor, and runs the JUnit tests among them.
 *
 * <h2>The rules for a page's {@code ```java} blocks</h2>
 *
 * <ul>
 *   <li><b>Every {@code ```java} block compiles as written</b>, against the class path below, with
 *       the processor on the processor path ({@code --release 17}). A block that declares a
 *       top-level type (class, interface, enum, record, annotation) is compiled as a source file. A
 *       block that does not is wrapped after its leading {@code import} lines: as the body of a
 *       class if it parses as class members (fields, methods), else as the body of a method {@code
 *       void snippet() throws Exception} of a class. Either way every name it uses must be imported
 *       or declared in the block: nothing is imported for it.
 *   <li><b>{@code ```java continued}</b>: the block is compiled together with every earlier
 *       compiled block of the same page, each in its own source file — for a test of the handler a
 *       page showed before it.
 *   <li><b>{@code ```java not-compiled: <reason>}</b>: the only way out, visible on the block, with
 *       a reason (for a deliberately wrong example, or a condensed excerpt of a larger file). A
 *       marker without a reason, or any other word after {@code java}, fails the check.
 *   <li><b>What compiles, runs</b>: a block wrapped as statements is executed, and the JUnit tests
 *       a block declares are run; nothing may throw, every test must pass. They run in a class
 *       loader of their own that holds the class path below and the block's classes (with the
 *       bindings the processor generated for them, found through the thread's context class
 *       loader), nothing else.
 * </ul>
 *
 * <h2>The class path</h2>
 *
 * The compile's class path is {@code integration-tests}' own test class path, minus the processor
 * (it is on the processor path), the sample app (docs must not need it) and the tools this module
 * runs in child JVMs: Maven's {@code dependency:build-classpath} writes it to the {@code
 * docs.classpath} system property (execution {@code docs-classpath} in {@code
 * integration-tests/pom.xml}). So a page whose snippets need another module — an adapter, the
 * Spring Boot starter, Micrometer — needs one thing: that module as a {@code test} dependency of
 * {@code integration-tests}. Pages checked: {@code README.md}, {@code docs/*.md} and every module's
 * {@code README.md} (see {@link DocSnippetsIT}).
 */
final class SnippetChecker {
  /** A fenced block's first line: its fence and its info string. */
  private static final Pattern FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})\\s*(.*)$");

  private static final String NOT_COMPILED = "not-compiled";
  private static final String CONTINUED = "continued";

  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
  private final List<Path> classPath;
  private final Path processorJar;
  private final Path workDir;

  SnippetChecker(List<Path> classPath, Path processorJar, Path workDir) {
    this.classPath = List.copyOf(classPath);
    this.processorJar = processorJar;
    this.workDir = workDir;
  }

  /** How a block is marked. */
  enum Marker {
    STANDALONE,
    CONTINUED,
    NOT_COMPILED
  }

  /**
   * One {@code ```java} block.
   *
   * @param page the page's name in messages (e.g. {@code docs/TESTING.md})
   * @param firstLine the page's line number of the block's first code line
   * @param marker its marker
   * @param markerProblem what is wrong with its info string, or null
   * @param code the code, with the fence's indentation removed
   */
  record Snippet(String page, int firstLine, Marker marker, String markerProblem, String code) {
    String where() {
      return page + ":" + (firstLine - 1);
    }
  }

  /** A block to check, with the earlier blocks it is compiled with (for {@code continued}). */
  record Check(Snippet snippet, List<Snippet> together) {
    String name() {
      return snippet.where();
    }
  }

  /** The {@code ```java} blocks of a page, in order. */
  static List<Snippet> extract(String page, String markdown) {
    List<Snippet> found = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher open = FENCE.matcher(lines[i]);
      if (!open.matches()) {
        continue;
      }
      String indent = open.group(1);
      String fence = open.group(2);
      String info = open.group(3).strip();
      StringBuilder code = new StringBuilder();
      int j = i + 1;
      for (; j < lines.length; j++) {
        String l = lines[j];
        if (l.strip().startsWith(fence.substring(0, 3))
            && l.strip().chars().allMatch(c -> c == fence.charAt(0))
            && l.strip().length() >= fence.length()) {
          break;
        }
        code.append(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading())
            .append('\n');
      }
      String language = info.isEmpty() ? "" : info.split("\\s+", 2)[0];
      if (language.equals("java")) {
        String rest = info.substring(language.length()).strip();
        Marker marker = Marker.STANDALONE;
        String problem = null;
        if (rest.equals(CONTINUED)) {
          marker = Marker.CONTINUED;
        } else if (rest.startsWith(NOT_COMPILED)) {
          marker = Marker.NOT_COMPILED;
          String reason = rest.substring(NOT_COMPILED.length()).strip();
          if (!reason.startsWith(":") || reason.substring(1).isBlank()) {
            problem =
                "the block is marked not-compiled without a reason: write ```java not-compiled:"
                    + " <why it cannot compile>";
          }
        } else if (!rest.isEmpty()) {
          problem =
              "unknown marker '"
                  + rest
                  + "' after ```java: use nothing, 'continued' or 'not-compiled: <reason>'";
        }
        found.add(new Snippet(page, i + 2, marker, problem, code.toString()));
      }
      i = j;
    }
    return found;
  }

  /** What to check on a page: every block not marked not-compiled, with its companions. */
  static List<Check> checks(List<Snippet> snippets) {
    List<Check> checks = new ArrayList<>();
    List<Snippet> compiledSoFar = new ArrayList<>();
    for (Snippet s : snippets) {
      if (s.marker() == Marker.NOT_COMPILED && s.markerProblem() == null) {
        continue;
      }
      List<Snippet> together = new ArrayList<>();
      if (s.marker() == Marker.CONTINUED) {
        together.addAll(compiledSoFar);
      }
      together.add(s);
      checks.add(new Check(s, together));
      compiledSoFar.add(s);
    }
    return checks;
  }

  /**
   * Compiles the check's blocks together and runs the JUnit tests they declare.
   *
   * @return empty if all is well, else what went wrong, with the page's line numbers
   */
  Optional<String> verify(Check check) {
    return verifyCounting(check).problem();
  }

  /** What {@link #verify} found, and how many JUnit tests it ran. */
  record Result(Optional<String> problem, long testsRun) {}

  /** Like {@link #verify}, also saying how many tests ran. */
  Result verifyCounting(Check check) {
    if (check.snippet().markerProblem() != null) {
      return new Result(Optional.of(check.name() + ": " + check.snippet().markerProblem()), 0);
    }
    Path dir = workDir.resolve(check.name().replaceAll("[^A-Za-z0-9.-]", "_"));
    try {
      deleteRecursively(dir);
      Path src = Files.createDirectories(dir.resolve("src"));
      Path classes = Files.createDirectories(dir.resolve("classes"));
      Path generated = Files.createDirectories(dir.resolve("generated"));
      List<Source> sources = new ArrayList<>();
      for (Snippet s : check.together()) {
        Source source = toSource(s);
        Files.writeString(src.resolve(source.fileName()), source.text(), StandardCharsets.UTF_8);
        sources.add(source);
      }
      Path runner = Files.createDirectories(src.resolve(RUNNER_PACKAGE.replace('.', '/')));
      Files.writeString(
          runner.resolve("SnippetRunner.java"), runnerSource(), StandardCharsets.UTF_8);
      String errors = compile(sources, src, classes, generated);
      if (errors != null) {
        return new Result(Optional.of(errors), 0);
      }
      return run(check, sources, classes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A snippet as a source file, and how its lines map back to the page. */
  record Source(
      Snippet snippet,
      String fileName,
      String text,
      int importLines,
      int headerLines,
      boolean statements) {
    int pageLine(long sourceLine) {
      long codeLine = sourceLine <= importLines ? sourceLine : sourceLine - headerLines;
      return (int) (snippet.firstLine() + codeLine - 1);
    }
  }

  private Source toSource(Snippet s) throws IOException {
    String[] lines = s.code().split("\n", -1);
    int imports = 0;
    for (String l : lines) {
      String t = l.strip();
      if (t.startsWith("import ")
          || t.startsWith("package ")
          || t.isEmpty()
          || t.startsWith("//")) {
        imports++;
      } else {
        break;
      }
    }
    // the imports, each line as on the page, then the wrapper's header on the next line
    String head =
        imports == 0
            ? ""
            : String.join("\n", java.util.Arrays.copyOfRange(lines, 0, imports)) + "\n";
    String body = String.join("\n", java.util.Arrays.copyOfRange(lines, imports, lines.length));
    String wrapper = "Snippet_" + s.firstLine();

    Optional<String> unitName = asCompilationUnit(s.code());
    if (unitName.isPresent()) {
      return new Source(s, unitName.get() + ".java", s.code(), Integer.MAX_VALUE, 0, false);
    }
    String statements =
        head + "class " + wrapper + " { void snippet() throws Exception {\n" + body + "\n}}\n";
    String members = head + "class " + wrapper + " {\n" + body + "\n}\n";
    if (!parses(statements) && parses(members)) {
      return new Source(s, wrapper + ".java", members, imports, 1, false);
    }
    return new Source(s, wrapper + ".java", statements, imports, 1, true);
  }

  /**
   * If the code parses as a compilation unit that declares a type, the file name it needs: its
   * public type's name, or the first type's.
   */
  private Optional<String> asCompilationUnit(String code) throws IOException {
    Parsed parsed = parse(code);
    if (!parsed.ok() || parsed.unit().getTypeDecls().isEmpty()) {
      return Optional.empty();
    }
    String first = null;
    for (var type : parsed.unit().getTypeDecls()) {
      if (type instanceof com.sun.source.tree.ClassTree c) {
        String name = c.getSimpleName().toString();
        if (c.getModifiers().getFlags().contains(javax.lang.model.element.Modifier.PUBLIC)) {
          return Optional.of(name);
        }
        if (first == null) {
          first = name;
        }
      }
    }
    return Optional.ofNullable(first);
  }

  private boolean parses(String code) throws IOException {
    return parse(code).ok();
  }

  private record Parsed(boolean ok, CompilationUnitTree unit) {}

  private Parsed parse(String code) throws IOException {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject file =
        new SimpleJavaFileObject(
            java.net.URI.create("string:///Parse.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
          }
        };
    JavacTask task =
        (JavacTask)
            javac.getTask(null, null, diagnostics, List.of("-proc:none"), null, List.of(file));
    CompilationUnitTree unit = null;
    for (CompilationUnitTree u : task.parse()) {
      unit = u;
    }
    boolean ok =
        unit != null
            && diagnostics.getDiagnostics().stream()
                .noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
    return new Parsed(ok, unit);
  }

  private String compile(List<Source> sources, Path src, Path classes, Path generated)
      throws IOException {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager files = fileManager();
    List<Path> paths = new ArrayList<>();
    sources.forEach(s -> paths.add(src.resolve(s.fileName())));
    paths.add(src.resolve(RUNNER_PACKAGE.replace('.', '/')).resolve("SnippetRunner.java"));
    List<String> options =
        List.of(
            "--release",
            "17",
            "-classpath",
            String.join(
                java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()),
            "-processorpath",
            processorJar.toString(),
            "-d",
            classes.toString(),
            "-s",
            generated.toString(),
            "-encoding",
            "UTF-8");
    boolean ok =
        javac
            .getTask(
                null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(paths))
            .call();
    if (ok) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      Source source = null;
      if (d.getSource() != null) {
        String name = Path.of(d.getSource().toUri()).getFileName().toString();
        source = sources.stream().filter(s -> s.fileName().equals(name)).findFirst().orElse(null);
      }
      if (sb.length() > 0) {
        sb.append('\n');
      }
      if (source != null && d.getLineNumber() > 0) {
        sb.append(source.snippet().page())
            .append(':')
            .append(source.pageLine(d.getLineNumber()))
            .append(": ");
      }
      sb.append(d.getMessage(Locale.ROOT));
    }
    return sb.length() == 0 ? "javac failed without an error message" : sb.toString();
  }

  /**
   * Runs the statement blocks and the JUnit tests in a class loader of their own: the docs' class
   * path and the snippet's classes over the platform class loader, nothing of this build's test
   * class path, so that what the snippets discover (generated bindings through ServiceLoader) is
   * what a user's project would hold.
   */
  private Result run(Check check, List<Source> sources, Path classes) throws IOException {
    List<String> classNames;
    try (Stream<Path> all = Files.walk(classes)) {
      classNames =
          all.filter(p -> p.toString().endsWith(".class"))
              .map(p -> classes.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
              .filter(name -> !name.contains("$"))
              .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
              .filter(name -> !name.startsWith(RUNNER_PACKAGE + "."))
              .sorted()
              .toList();
    }
    List<String> statements =
        sources.stream()
            .filter(Source::statements)
            .map(s -> s.fileName().substring(0, s.fileName().length() - ".java".length()))
            .toList();
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {url(classes)}, docsLoader())) {
      Thread.currentThread().setContextClassLoader(loader);
      String report =
          (String)
              Class.forName(RUNNER_PACKAGE + ".SnippetRunner", true, loader)
                  .getMethod("run", String[].class, String[].class)
                  .invoke(
                      null, statements.toArray(String[]::new), classNames.toArray(String[]::new));
      List<String> lines = new ArrayList<>(List.of(report.split("\n")));
      long testsRun = Long.parseLong(lines.remove(lines.size() - 1));
      List<String> problems = lines.stream().map(l -> check.name() + ": " + l).toList();
      return new Result(
          problems.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", problems)),
          testsRun);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("could not run the snippet's classes", e);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private static final String RUNNER_PACKAGE = "zapjobs.docs.check";

  private StandardJavaFileManager fileManager;

  /** One file manager for every compile: it keeps the class path's jars open and indexed. */
  private synchronized StandardJavaFileManager fileManager() {
    if (fileManager == null) {
      fileManager = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }
    return fileManager;
  }

  private URLClassLoader docsLoader;

  /**
   * The docs' class path over the platform class loader, shared by every check (loading JUnit and
   * the libraries once); each check's classes get a child loader of their own. None of its jars
   * registers a handler binding, so a snippet discovers only its own.
   */
  private synchronized ClassLoader docsLoader() {
    if (docsLoader == null) {
      docsLoader =
          new URLClassLoader(
              classPath.stream().map(SnippetChecker::url).toArray(URL[]::new),
              ClassLoader.getPlatformClassLoader());
    }
    return docsLoader;
  }

  /** The source of {@code SnippetRunner}, compiled with each snippet (a test resource). */
  private static String runnerSource() throws IOException {
    try (var in = SnippetChecker.class.getResourceAsStream("/docs/SnippetRunner.java")) {
      if (in == null) {
        throw new IllegalStateException("test resource /docs/SnippetRunner.java is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static URL url(Path dir) {
    try {
      return dir.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
