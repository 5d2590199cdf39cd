package dev.zapjobs.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/** Every Java snippet of docs/KAFKA.md compiles as written, imports included. */
class DocsSnippetsTest {
  private static final Path DOC = Path.of("..", "..", "docs", "KAFKA.md");
  private static final Pattern JAVA = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern CLASS = Pattern.compile("(?m)^(?:final |public )*class (\\w+)");

  @Test
  void everyJavaSnippet_compiles() throws IOException {
    String doc = Files.readString(DOC);
    List<JavaFileObject> sources = new ArrayList<>();
    Matcher m = JAVA.matcher(doc);
    while (m.find()) {
      String code = m.group(1);
      Matcher c = CLASS.matcher(code);
      assertThat(c.find()).as("a class in:%n%s", code).isTrue();
      sources.add(source(c.group(1), code));
    }
    assertThat(sources).hasSizeGreaterThanOrEqualTo(5);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    Path out = Files.createTempDirectory("kafka-doc-snippets");
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      boolean ok =
          javac
              .getTask(
                  errors,
                  files,
                  null,
                  List.of(
                      "-proc:none",
                      "-Xlint:all",
                      "-Werror",
                      "-d",
                      out.toString(),
                      "-classpath",
                      System.getProperty("java.class.path")),
                  null,
                  sources)
              .call();
      assertThat(ok).as("docs/KAFKA.md snippets compile:%n%s", errors).isTrue();
    }
  }

  private static JavaFileObject source(String className, String code) {
    return new SimpleJavaFileObject(
        URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return code;
      }
    };
  }
}
