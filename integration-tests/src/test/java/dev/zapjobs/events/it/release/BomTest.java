package dev.zapjobs.events.it.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM lists exactly the published modules of the reactor, at the reactor's version: a module is
 * published unless its pom sets {@code maven.deploy.skip} to true; the parent and the BOM itself
 * are poms, not artifacts users depend on.
 */
class BomTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void bomListsEveryPublishedModule_andNothingElse() throws Exception {
    Map<String, Path> published = new TreeMap<>();
    List<String> unpublished = new ArrayList<>();
    collect(ROOT, published, unpublished);

    Document bom = parse(ROOT.resolve("bom/pom.xml"));
    TreeSet<String> listed = new TreeSet<>();
    NodeList deps = bom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      assertThat(text(d, "groupId")).isEqualTo("dev.zapjobs");
      assertThat(text(d, "version")).isEqualTo("${project.version}");
      listed.add(text(d, "artifactId"));
    }

    assertThat(listed)
        .as(
            "bom/pom.xml must list exactly the published modules %s (not published: %s)",
            published.keySet(), unpublished)
        .containsExactlyElementsOf(published.keySet());
    assertThat(published).containsKeys("zapjobs-events-runtime", "zapjobs-events-processor");
    assertThat(unpublished).contains("zapjobs-events-sample-app", "zapjobs-events-benchmarks");
  }

  @Test
  void bomVersionIsTheReactorVersion() throws Exception {
    Document parent = parse(ROOT.resolve("pom.xml"));
    Document bom = parse(ROOT.resolve("bom/pom.xml"));
    assertThat(directText(bom.getDocumentElement(), "version"))
        .isEqualTo(directText(parent.getDocumentElement(), "version"));
    assertThat(directText(bom.getDocumentElement(), "parent")).isNull();
  }

  /** Walks the module tree from {@code dir}, sorting jar modules into published and not. */
  private static void collect(Path dir, Map<String, Path> published, List<String> unpublished)
      throws Exception {
    Element project = parse(dir.resolve("pom.xml")).getDocumentElement();
    String artifactId = directText(project, "artifactId");
    String packaging = directText(project, "packaging");
    if (packaging == null || packaging.equals("jar")) {
      Element props = child(project, "properties");
      String skip = props == null ? null : directText(props, "maven.deploy.skip");
      if ("true".equals(skip)) {
        unpublished.add(artifactId);
      } else {
        published.put(artifactId, dir);
      }
    }
    Element modules = child(project, "modules");
    if (modules != null) {
      NodeList list = modules.getElementsByTagName("module");
      for (int i = 0; i < list.getLength(); i++) {
        Path module = dir.resolve(list.item(i).getTextContent().trim());
        if (Files.exists(module.resolve("pom.xml"))) {
          collect(module, published, unpublished);
        }
      }
    }
  }

  private static Document parse(Path pom) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(false);
    try (InputStream in = Files.newInputStream(pom)) {
      return f.newDocumentBuilder().parse(in);
    } catch (IOException e) {
      throw new IOException("cannot read " + pom, e);
    }
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static String directText(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().trim();
  }

  private static String text(Element parent, String name) {
    return directText(parent, name);
  }
}
