package dev.zapjobs.events.jobrunr;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.invoices.InvoiceJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The example of docs/JOBRUNR.md runs, and the page shows it as it is compiled here. */
class DocsExampleTest {
  @Test
  void theExampleRuns_andTheAlertFires() throws Exception {
    InvoiceJobs.ALERTS.clear(); // handlers of dispatchers built by other tests add here too
    InvoiceJobs.run();
    assertThat(InvoiceJobs.ALERTS)
        .containsExactly(
            "com.acme.invoices.InvoiceJobs.sendInvoice failed for good: mail server down");
  }

  @Test
  void thePageShowsTheExampleVerbatim() throws Exception {
    String page = Files.readString(Path.of("../../docs/JOBRUNR.md"));
    String example = Files.readString(Path.of("src/test/java/com/acme/invoices/InvoiceJobs.java"));
    assertThat(page).contains(example);
  }
}
