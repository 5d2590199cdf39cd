package dev.zapjobs.events.dbscheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.invoices.InvoiceScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The example of docs/DB-SCHEDULER.md runs, and the page shows it as it is compiled here. */
class DocsExampleTest {
  @Test
  void theExampleRuns_andTheAlertFires() throws Exception {
    Postgres.withTable("scheduled_tasks");
    InvoiceScheduler.ALERTS.clear(); // handlers of dispatchers built by other tests add here too
    InvoiceScheduler.run(Postgres.dataSource());
    assertThat(InvoiceScheduler.ALERTS)
        .containsExactly("send-invoice/invoice-7 failed for good: mail server down");
  }

  @Test
  void thePageShowsTheExampleVerbatim() throws Exception {
    String page = Files.readString(Path.of("../../docs/DB-SCHEDULER.md"));
    String example =
        Files.readString(Path.of("src/test/java/com/acme/invoices/InvoiceScheduler.java"));
    assertThat(page).contains(example);
  }
}
