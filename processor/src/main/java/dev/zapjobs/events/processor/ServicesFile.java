package dev.zapjobs.events.processor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The {@code META-INF/services} registration of every generated binding, written once, in the last
 * round, through the Filer. It is merged with the file a previous compile left in the class output
 * (an incremental compile sees only some packages): the caller decides which old entries to keep,
 * so that the binding of a package whose handlers are all gone disappears. Entries are sorted, so
 * the file is deterministic.
 */
final class ServicesFile {
  private final Filer filer;

  ServicesFile(Filer filer) {
    this.filer = filer;
  }

  /** The entries of the existing file, or none if there is no such file. */
  Set<String> readExisting() {
    Set<String> entries = new TreeSet<>();
    try {
      FileObject existing =
          filer.getResource(StandardLocation.CLASS_OUTPUT, "", KnownTypes.SERVICES_FILE);
      try (Reader in = existing.openReader(true);
          BufferedReader lines = new BufferedReader(in)) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          int comment = line.indexOf('#');
          String entry = (comment >= 0 ? line.substring(0, comment) : line).trim();
          if (!entry.isEmpty()) {
            entries.add(entry);
          }
        }
      }
    } catch (IOException | IllegalArgumentException | UnsupportedOperationException noFile) {
      // No previous file (first or clean build), or a Filer that cannot read: nothing to merge.
    }
    return entries;
  }

  /**
   * Writes {@code generated} plus each old entry to {@code keep}; writes nothing when that is what
   * the old file (or the absence of one) already says.
   */
  void write(Set<String> generated, Predicate<String> keep, Element... originating)
      throws IOException {
    write(generated, readExisting(), keep, originating);
  }

  private void write(
      Set<String> generated, Set<String> old, Predicate<String> keep, Element... originating)
      throws IOException {
    Set<String> all = new TreeSet<>(generated);
    old.stream().filter(keep).forEach(all::add);
    if (all.equals(old)) {
      return; // nothing changed: leave the file as it is, comments and all
    }
    FileObject file =
        filer.createResource(
            StandardLocation.CLASS_OUTPUT, "", KnownTypes.SERVICES_FILE, originating);
    try (Writer out = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
      for (String entry : all) {
        out.write(entry);
        out.write('\n');
      }
    }
  }
}
