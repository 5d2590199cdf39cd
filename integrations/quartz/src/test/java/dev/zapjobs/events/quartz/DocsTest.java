package dev.zapjobs.events.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Java snippet of docs/QUARTZ.md compiles as written, against this module's class path. */
class DocsTest {
  private static final Path PAGE =
      Path.of(System.getProperty("basedir", "."), "..", "..", "docs", "QUARTZ.md");
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern CLASS_NAME =
      Pattern.compile("^(?:public )?(?:final )?class (\\w+)", Pattern.MULTILINE);

  @Test
  void everyJavaSnippetOfTheQuartzPageCompiles(@TempDir Path dir) throws IOException {
    List<File> sources = new ArrayList<>();
    Matcher block = JAVA_BLOCK.matcher(Files.readString(PAGE));
    while (block.find()) {
      Matcher name = CLASS_NAME.matcher(block.group(1));
      assertThat(name.find()).as("a snippet that is a class:%n%s", block.group(1)).isTrue();
      Path source = dir.resolve(name.group(1) + ".java");
      Files.writeString(source, block.group(1));
      sources.add(source.toFile());
    }
    assertThat(sources).hasSizeGreaterThanOrEqualTo(3);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      String classPath =
          System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      boolean compiled =
          javac
              .getTask(
                  null,
                  files,
                  diagnostics,
                  List.of("-proc:none", "-cp", classPath, "-d", dir.toString()),
                  null,
                  files.getJavaFileObjectsFromFiles(sources))
              .call();
      assertThat(diagnostics.getDiagnostics())
          .filteredOn(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .isEmpty();
      assertThat(compiled).isTrue();
    }
  }
}
