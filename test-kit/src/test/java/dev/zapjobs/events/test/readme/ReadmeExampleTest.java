package dev.zapjobs.events.test.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The handlers {@link ReadmeHandlersTest} tests are the README's: its first Java block is {@code
 * Alerts.java} here, but for the package line, comments and layout (the README aligns comments for
 * reading; the formatter lays out the test source).
 */
class ReadmeExampleTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCE =
      Path.of("src", "test", "java", "dev", "zapjobs", "events", "test", "readme", "Alerts.java");

  @Test
  void theReadmesHandlers_areTheOnesTestedHere() throws IOException {
    Matcher block =
        Pattern.compile("```java\\n(.*?final class Alerts.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(README));
    assertThat(block.find()).as("a ```java block with final class Alerts in README.md").isTrue();
    String source = Files.readString(SOURCE).replaceFirst("package [^;]+;", "");

    assertThat(code(block.group(1))).isEqualTo(code(source));
  }

  /** The code without comments, with every run of whitespace made one space (none at the ends). */
  static String code(String java) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < java.length()) {
      char c = java.charAt(i);
      if (c == '"' || c == '\'') {
        int end = i + 1;
        while (java.charAt(end) != c) {
          end += java.charAt(end) == '\\' ? 2 : 1;
        }
        out.append(java, i, end + 1);
        i = end + 1;
      } else if (java.startsWith("//", i)) {
        while (i < java.length() && java.charAt(i) != '\n') {
          i++;
        }
      } else if (java.startsWith("/*", i)) {
        i = java.indexOf("*/", i) + 2;
        out.append(' ');
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString().replaceAll("\\s+", " ").strip();
  }

  @Test
  void code_dropsCommentsAndLayout_butKeepsStrings() {
    assertThat(code("a(b) { // note\n  c(\"// kept\", '\\''); /* gone */ }\n"))
        .isEqualTo("a(b) { c(\"// kept\", '\\''); }");
  }
}
