package dev.zapjobs.events.spring.boot;

import java.util.List;

/**
 * The include/exclude lists of {@code zapjobs.events.handlers}: each entry is a package (matching
 * its classes and its subpackages' classes) or a class name (matching the class and its nested
 * classes). Nested classes may be written with {@code $} or {@code .}.
 */
final class HandlerClassPatterns {
  private final List<String> include;
  private final List<String> exclude;

  HandlerClassPatterns(List<String> include, List<String> exclude) {
    this.include = normalized(include, "include");
    this.exclude = normalized(exclude, "exclude");
  }

  /** True if the class is bound: included (or no include list) and not excluded. */
  boolean accepts(Class<?> type) {
    String name = type.getName().replace('$', '.');
    return (include.isEmpty() || matchesAny(include, name)) && !matchesAny(exclude, name);
  }

  /** Why a class is not bound, for the log. */
  String reason(Class<?> type) {
    String name = type.getName().replace('$', '.');
    return matchesAny(exclude, name)
        ? "it matches zapjobs.events.handlers.exclude " + exclude
        : "it matches none of zapjobs.events.handlers.include " + include;
  }

  private static boolean matchesAny(List<String> patterns, String name) {
    for (String p : patterns) {
      if (name.equals(p) || name.startsWith(p + ".")) {
        return true;
      }
    }
    return false;
  }

  private static List<String> normalized(List<String> patterns, String property) {
    return patterns.stream()
        .map(String::trim)
        .filter(p -> !p.isEmpty())
        .map(
            p -> {
              if (p.contains("*") || p.endsWith(".")) {
                throw new IllegalArgumentException(
                    "zapjobs.events.handlers."
                        + property
                        + " entry '"
                        + p
                        + "' is not a package or class name: write the package (com.acme, which"
                        + " also covers its subpackages) or the class (com.acme.Audit), without"
                        + " wildcards");
              }
              return p.replace('$', '.');
            })
        .toList();
  }
}
