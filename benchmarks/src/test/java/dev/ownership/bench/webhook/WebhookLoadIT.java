package dev.ownership.bench.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load harness end to end for a few seconds: both servers answer, numbers are sane. */
class WebhookLoadIT {
  @TempDir Path work;

  @Test
  void drivesTheOperatorWebhookAndTheNoopResponderWithWrkAndTheJavaClient() throws Exception {
    assertThat(Wrk.installed()).as("wrk is installed (.ci/run installs it)").isTrue();
    WebhookLoad.Options options =
        WebhookLoad.parse(
            new String[] {
              "--rounds",
              "1",
              "--seconds",
              "2",
              "--rate",
              "50",
              "--connections",
              "4",
              "--work-dir",
              work.toString()
            });
    assertThat(options.client()).isEqualTo("wrk");
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    List<WebhookLoad.Round> rounds = WebhookLoad.run(options, new PrintStream(text, true));
    assertThat(rounds).hasSize(1);
    WebhookLoad.Round r = rounds.get(0);
    assertThat(r.throughputA()).isPositive();
    assertThat(r.throughputB()).isPositive();
    assertThat(r.failuresA()).isZero();
    assertThat(r.failuresB()).isZero();
    assertThat(r.p50A()).isPositive().isLessThanOrEqualTo(r.p99A());
    assertThat(r.p99A()).isLessThanOrEqualTo(r.maxA());
    assertThat(r.p50B()).isPositive().isLessThanOrEqualTo(r.p99B());
  }
}
