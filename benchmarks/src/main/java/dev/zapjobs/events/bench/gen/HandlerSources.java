package dev.zapjobs.events.bench.gen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the handler classes the benchmarks use, at build time ({@code generate-sources}, run as a
 * single-file program by {@code exec-maven-plugin}) and at run time (the compile-time harness).
 *
 * <ul>
 *   <li>{@code bench.handlers.H00 .. H15}: the trivial handlers every design delivers to (one
 *       {@code @OnJobEvent} method counting into {@code Sink}), plus {@code BenchHandlers}, which
 *       makes instances without reflection;
 *   <li>{@code bench.startup.S0000 ..}: the start-up population, each with one method annotated for
 *       ZapJobs, Guava, greenrobot and Spring at once, plus {@code StartupHandlers}.
 * </ul>
 *
 * <p>Depends on the JDK only, so that it runs before the module is compiled.
 */
public final class HandlerSources {

  /** The number of benchmark handler classes ({@code H00 .. H15}). */
  public static final int BENCH_HANDLERS = 16;

  static final String BENCH_PACKAGE = "dev.zapjobs.events.bench.handlers";
  static final String STARTUP_PACKAGE = "dev.zapjobs.events.bench.startup";

  private static final String[] EVENT_TYPES = {
    "JobEvent", "JobEnqueued", "JobStarted", "JobCompleted", "JobFailed", "JobRetrying"
  };

  private HandlerSources() {}

  /**
   * Writes every generated source below {@code args[0]}; {@code args[1]} is the size of the
   * start-up population.
   */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    int startup = Integer.parseInt(args[1]);
    writeBenchHandlers(root);
    writeStartupHandlers(root, startup);
    writeStartupFactory(root, startup);
  }

  /** Writes {@code H00 .. H15} and {@code BenchHandlers}; returns the files. */
  public static List<Path> writeBenchHandlers(Path root) {
    List<Path> files = new ArrayList<>();
    StringBuilder cases = new StringBuilder();
    StringBuilder classes = new StringBuilder();
    for (int i = 0; i < BENCH_HANDLERS; i++) {
      String name = benchName(i);
      files.add(
          write(
              root,
              BENCH_PACKAGE,
              name,
              """
              package %s;

              import dev.zapjobs.events.JobEvent;
              import dev.zapjobs.events.OnJobEvent;
              import dev.zapjobs.events.bench.Sink;
              import java.util.function.Consumer;

              /** Generated benchmark handler %d: counts every event. */
              public final class %s implements Consumer<JobEvent> {
                @OnJobEvent
                @Override
                public void accept(JobEvent event) {
                  Sink.hit(%d, event);
                }
              }
              """
                  .formatted(BENCH_PACKAGE, i, name, i)));
      cases.append("      case %d -> new %s();\n".formatted(i, name));
      classes.append(i == 0 ? "" : ", ").append(name).append(".class");
    }
    files.add(
        write(
            root,
            BENCH_PACKAGE,
            "BenchHandlers",
            """
            package %s;

            import dev.zapjobs.events.JobEvent;
            import java.util.List;
            import java.util.function.Consumer;

            /** Generated: the benchmark handler classes, instantiated without reflection. */
            public final class BenchHandlers {
              /** H00 .. H15 in order. */
              public static final List<Class<?>> CLASSES = List.of(%s);

              private BenchHandlers() {}

              /** A new instance of handler {@code index}. */
              public static Consumer<JobEvent> newInstance(int index) {
                return switch (index) {
            %s      default -> throw new IllegalArgumentException("no handler " + index);
                };
              }
            }
            """
                .formatted(BENCH_PACKAGE, classes, cases)));
    return files;
  }

  /** Writes the start-up population {@code S0000 ..}; returns the files. */
  public static List<Path> writeStartupHandlers(Path root, int count) {
    List<Path> files = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String type = EVENT_TYPES[i % EVENT_TYPES.length];
      files.add(
          write(
              root,
              STARTUP_PACKAGE,
              startupName(i),
              """
              package %s;

              import dev.zapjobs.events.%s;
              import dev.zapjobs.events.OnJobEvent;

              /** Generated start-up handler %d, annotated for every library compared. */
              public final class %s {
                @OnJobEvent
                @com.google.common.eventbus.Subscribe
                @org.greenrobot.eventbus.Subscribe
                @org.springframework.context.event.EventListener
                public void on(%s event) {
                  StartupSink.hit();
                }
              }
              """
                  .formatted(STARTUP_PACKAGE, type, i, startupName(i), type)));
    }
    return files;
  }

  /** Writes {@code StartupHandlers}, which lists and instantiates the population. */
  static Path writeStartupFactory(Path root, int count) {
    StringBuilder news = new StringBuilder();
    StringBuilder classes = new StringBuilder();
    for (int i = 0; i < count; i++) {
      news.append("      new ").append(startupName(i)).append("(),\n");
      classes.append("      ").append(startupName(i)).append(".class,\n");
    }
    return write(
        root,
        STARTUP_PACKAGE,
        "StartupHandlers",
        """
        package %s;

        /** Generated: the %d start-up handler classes. */
        public final class StartupHandlers {
          private StartupHandlers() {}

          /** One new instance of every class, made without reflection. */
          public static Object[] newInstances() {
            return new Object[] {
        %s    };
          }

          /** Every class. */
          public static Class<?>[] classes() {
            return new Class<?>[] {
        %s    };
          }
        }
        """
            .formatted(STARTUP_PACKAGE, count, news, classes));
  }

  static String benchName(int i) {
    return "H%02d".formatted(i);
  }

  static String startupName(int i) {
    return "S%04d".formatted(i);
  }

  private static Path write(Path root, String pkg, String simpleName, String source) {
    Path file = root.resolve(pkg.replace('.', '/')).resolve(simpleName + ".java");
    try {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file) || !Files.readString(file).equals(source)) {
        Files.writeString(file, source);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
