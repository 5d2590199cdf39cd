package dev.zapjobs.events.spring.boot.sampletest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/SPRING-BOOT.md shows the sample application: every Java block on the page is, character for
 * character, one of the sample's source files (which this build compiles and tests), and the
 * application.properties block is the sample's.
 */
class DocsSnippetsTest {
  private static final Path SAMPLE = Path.of("..", "spring-boot-sample", "src", "main");
  private static final Path PAGE = Path.of("..", "..", "docs", "SPRING-BOOT.md");

  @Test
  void everyJavaBlockIsASampleSourceFile() throws IOException {
    List<String> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SAMPLE.resolve("java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        sources.add(Files.readString(f).strip());
      }
    }
    List<String> blocks = blocks("java");

    assertThat(blocks).hasSizeGreaterThanOrEqualTo(5);
    for (String block : blocks) {
      assertThat(sources).as("a source file of the sample").contains(block.strip());
    }
  }

  @Test
  void thePropertiesBlockIsTheSamples() throws IOException {
    String properties =
        Files.readString(SAMPLE.resolve("resources").resolve("application.properties")).strip();

    assertThat(blocks("properties")).contains(properties);
  }

  private static List<String> blocks(String language) throws IOException {
    Matcher m =
        Pattern.compile("```" + language + "[^\\n]*\\n(.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(PAGE));
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1).strip());
    }
    return blocks;
  }
}
