package dev.zapjobs.events.bench.harness;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.tools.ToolProvider;

/**
 * One javac run in a fresh JVM, for {@link CompileTime}: {@code ForkedCompile cpu-file
 * javac-args...}. Compiles as the {@code javac} launcher does, exits with javac's status, and
 * writes the CPU time this whole process used, in ns, to {@code cpu-file}.
 */
public final class ForkedCompile {
  private ForkedCompile() {}

  /** Runs javac with {@code args[1..]}; writes the process's CPU time to {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, Arrays.copyOfRange(args, 1, args.length));
    OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    Files.writeString(Path.of(args[0]), Long.toString(os.getProcessCpuTime()));
    System.exit(status);
  }
}
