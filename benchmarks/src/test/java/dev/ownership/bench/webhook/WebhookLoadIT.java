package dev.ownership.bench.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load harness end to end for a few seconds: all three servers answer, numbers are sane. */
class WebhookLoadIT {
  @TempDir Path work;

  @Test
  void drivesTheOperatorWebhookTheNoopResponderAndTheHandlerAloneWithWrkAndTheJavaClient()
      throws Exception {
    // Like the operator module's @NeedsTool: skipped on a newcomer's machine, required in CI.
    if ("1".equals(System.getenv("OWNERSHIP_REQUIRE_TOOLS")))
      assertThat(Wrk.installed()).as("wrk is installed (.ci/run installs it)").isTrue();
    else Assumptions.assumeTrue(Wrk.installed(), "wrk is not on the PATH: apt-get install wrk");
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
    // The harness's own report (first failure included) explains any failed request.
    String report = text.toString(StandardCharsets.UTF_8);
    assertThat(r.throughputA()).as(report).isPositive();
    assertThat(r.throughputB()).as(report).isPositive();
    assertThat(r.throughputC()).as(report).isPositive();
    // Each server's CPU per request was read from its process: positive and finite.
    assertThat(List.of(r.cpuA(), r.cpuB(), r.cpuC()))
        .as(report)
        .allSatisfy(cpu -> assertThat(cpu).isPositive().isFinite());
    assertThat(r.failuresA()).as(report).isZero();
    assertThat(r.failuresB()).as(report).isZero();
    assertThat(r.p50A()).isPositive().isLessThanOrEqualTo(r.p99A());
    assertThat(r.p99A()).isLessThanOrEqualTo(r.maxA());
    assertThat(r.p50B()).isPositive().isLessThanOrEqualTo(r.p99B());
  }
}
