package dev.zapjobs.events.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to tell the user when discovery finds no handler binding, or cannot load one: the message
 * names the real cause among those that look alike from inside — the processor did not run, a named
 * module has no {@code provides} clause, a shrinker ran without the runtime's rules, or the build
 * output is stale. Only called on those paths, never on a successful start.
 */
final class Discovery {
  /**
   * The services file the processor writes, by its literal name: a shrinker that renamed {@code
   * HandlerBinding} does not rename this string, which is what the generated files are called.
   */
  static final String SERVICES_FILE =
      "META-INF/services/dev.zapjobs.events.runtime.spi.HandlerBinding";

  /** A class no code refers to: a shrinker removes or renames it (see {@code ShrinkerCanary}). */
  private static final String CANARY = "/dev/zapjobs/events/runtime/internal/ShrinkerCanary.class";

  static final String PROCESSOR_PATH =
      "No @OnJobEvent handlers found: there is no generated binding, so the ZapJobs"
          + " Events processor did not run on the code that declares them. Put"
          + " dev.zapjobs:zapjobs-events-processor on its annotation processor path: in Maven,"
          + " <annotationProcessorPaths> in the maven-compiler-plugin's <configuration>, with the"
          + " plugin's <version> set (3.5 or later: Maven 3.8's default, 3.1, ignores it"
          + " silently); in Gradle, annotationProcessor(\"dev.zapjobs:zapjobs-events-processor\");"
          + " with javac, -processorpath. Since JDK 23, javac runs no processor found only on the"
          + " class path.";

  private static final String SHRINKER_FIX =
      "This application was processed by a shrinker (ProGuard, R8) without the rules that the"
          + " ZapJobs Events runtime ships, which keep the generated bindings and their"
          + " registration: R8 applies them from the runtime jar by itself; with ProGuard, add"
          + " -include zapjobs-events-runtime.pro (META-INF/proguard/ in the runtime jar).";

  private Discovery() {}

  /** Whether a shrinker removed or renamed the runtime's classes. */
  static boolean shrunk() {
    return Discovery.class.getResource(CANARY) == null;
  }

  /** The warning for a discovery that found no binding through {@code loader}. */
  static String noHandlersFound(ClassLoader loader) {
    if (shrunk()) {
      return "No @OnJobEvent handlers found. " + SHRINKER_FIX;
    }
    Set<String> listed = listedBindings(loader);
    if (!listed.isEmpty() && Discovery.class.getModule().isNamed()) {
      return "No @OnJobEvent handlers found: the generated bindings "
          + String.join(", ", listed)
          + " are registered in "
          + SERVICES_FILE
          + ", which ServiceLoader ignores in a named module. Declare them in the module-info.java"
          + " of the module that holds them: provides dev.zapjobs.events.runtime.spi.HandlerBinding"
          + " with "
          + String.join(", ", listed)
          + "; or pass them to JobEventDispatcher.builder().addBinding(...).";
    }
    return PROCESSOR_PATH;
  }

  /** The message for a binding that ServiceLoader found registered but could not load. */
  static String bindingNotLoadable(ServiceConfigurationError e) {
    String what =
        "Could not load a generated ZapJobs Events binding listed in "
            + SERVICES_FILE
            + ": "
            + e.getMessage()
            + ". ";
    if (shrunk()) {
      return what + SHRINKER_FIX;
    }
    return what
        + "The services file names a class that is not there: rebuild the module that declares"
        + " the handlers from clean (a stale services file can name a binding that no longer"
        + " exists).";
  }

  /** The bindings the services files visible to {@code loader} list, sorted. */
  static Set<String> listedBindings(ClassLoader loader) {
    Set<String> names = new TreeSet<>();
    try {
      Enumeration<URL> files =
          loader == null
              ? ClassLoader.getSystemResources(SERVICES_FILE)
              : loader.getResources(SERVICES_FILE);
      while (files.hasMoreElements()) {
        try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            int comment = line.indexOf('#');
            String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
            if (!name.isEmpty()) {
              names.add(name);
            }
          }
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // Only a better message is lost.
    }
    return names;
  }
}
