package dev.zapjobs.events.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonParserFactory;

/**
 * The properties table of docs/SPRING-BOOT.md and the configuration metadata this jar ships (what
 * IDEs complete) describe the same properties: every documented property is in the metadata, every
 * {@code zapjobs.events.*} property of the metadata is documented, each has a description of its
 * own, and a default the metadata knows is the one the table gives.
 */
class PropertiesDocumentationTest {
  private static final Path PAGE = Path.of("..", "..", "docs", "SPRING-BOOT.md");
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z][^`]*)` \\| ([^|]*) \\|");

  /** Documented property (per-class keys without their class part) to its default cell. */
  private static Map<String, String> documented() throws IOException {
    String page = Files.readString(PAGE);
    String section =
        page.substring(page.indexOf("## Properties"), page.indexOf("## Where handler"));
    Map<String, String> rows = new LinkedHashMap<>();
    Matcher m = ROW.matcher(section);
    while (m.find()) {
      String name = m.group(1).replace(".<handler class>", "");
      rows.put(name, m.group(2).strip().replace("`", ""));
    }
    return rows;
  }

  /** Property name to its metadata entry. */
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> metadata() throws IOException {
    try (InputStream in =
        PropertiesDocumentationTest.class.getResourceAsStream(
            "/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("the configuration processor's output").isNotNull();
      Map<String, Object> json =
          JsonParserFactory.getJsonParser()
              .parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
      for (Object p : (List<Object>) json.get("properties")) {
        Map<String, Object> property = (Map<String, Object>) p;
        byName.put((String) property.get("name"), property);
      }
      return byName;
    }
  }

  @Test
  void theTableAndTheMetadataListTheSameProperties() throws IOException {
    Map<String, String> documented = documented();
    Map<String, Map<String, Object>> metadata = metadata();

    assertThat(documented).hasSizeGreaterThan(20);
    assertThat(metadata.keySet()).containsAll(documented.keySet());
    assertThat(documented.keySet())
        .containsAll(
            metadata.keySet().stream().filter(n -> n.startsWith("zapjobs.events.")).toList());
  }

  @Test
  void everyPropertyHasADescriptionOfItsOwn() throws IOException {
    Map<String, String> seen = new LinkedHashMap<>();
    for (String name : documented().keySet()) {
      Object description = metadata().get(name).get("description");
      assertThat(description).as(name).isInstanceOf(String.class);
      String previous = seen.put((String) description, name);
      assertThat(previous).as("%s has the description of %s", name, previous).isNull();
    }
  }

  @Test
  void theDocumentedDefaultsAreTheMetadatas() throws IOException {
    Map<String, Map<String, Object>> metadata = metadata();
    documented()
        .forEach(
            (name, documentedDefault) -> {
              Object actual = metadata.get(name).get("defaultValue");
              if (actual != null) {
                assertThat(documentedDefault).as(name).isEqualTo(String.valueOf(actual));
              }
            });
  }
}
