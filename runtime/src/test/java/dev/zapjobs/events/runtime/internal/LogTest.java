package dev.zapjobs.events.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

class LogTest {
  @Test
  void noBackend_printsOneLineNamingTheFix() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(out, true, StandardCharsets.UTF_8);

    assertThat(Log.warnIfNoBackend(new NOPLoggerFactory(), err)).isTrue();

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines()).hasSize(1);
    assertThat(printed)
        .startsWith(Log.NO_BACKEND)
        .contains("org.slf4j:slf4j-api:2.0.17")
        .contains("org.slf4j:slf4j-simple:2.0.17");
  }

  @Test
  void aBackend_printsNothing() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(out, true, StandardCharsets.UTF_8);

    // this module's tests run with logback, a real SLF4J 2 provider
    assertThat(Log.warnIfNoBackend(LoggerFactory.getILoggerFactory(), err)).isFalse();

    assertThat(out.size()).isZero();
  }
}
