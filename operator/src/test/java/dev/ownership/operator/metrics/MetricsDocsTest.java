package dev.ownership.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.admission.AdmissionDecision;
import dev.ownership.operator.admission.WebhookServer;
import dev.ownership.operator.controller.WorkloadEventRecorder;
import dev.ownership.operator.ownership.EnforcementMode;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md documents every metric the operator registers, and nothing it does not: the names
 * in its tables against the meter names in the {@code metrics} package's sources, and, for the
 * meters that need nothing running, against the exact names a scrape exports.
 */
class MetricsDocsTest {
  static final Path DOC = Path.of("..", "docs", "metrics.md");
  static final Path SOURCES = Path.of("src/main/java/dev/ownership/operator/metrics");

  /** A meter name as Micrometer is given it: {@code "ownership.events.failed"}. */
  private static final Pattern METER_NAME = Pattern.compile("\"(ownership(?:\\.[a-z0-9]+)+)\"");

  /** The first cell of a metrics table row: {@code | `ownership_workloads` | gauge | ...}. */
  private static final Pattern TABLE_NAME = Pattern.compile("^\\| `(ownership_[a-z0-9_]+)` \\|");

  /** What Micrometer's Prometheus naming appends to a meter name, by meter type. */
  private static final List<String> SUFFIXES = List.of("", "_total", "_seconds");

  static Set<String> documented() throws IOException {
    Set<String> names = new TreeSet<>();
    for (String line : Files.readAllLines(DOC)) {
      Matcher m = TABLE_NAME.matcher(line);
      if (m.find()) names.add(m.group(1));
    }
    return names;
  }

  static Set<String> meterNamesInTheSources() throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = METER_NAME.matcher(Files.readString(file));
        while (m.find()) names.add(m.group(1));
      }
    }
    return names;
  }

  @Test
  void everyMeterTheSourcesRegisterIsDocumentedAndEveryDocumentedOneIsRegistered()
      throws IOException {
    Set<String> documented = documented();
    Set<String> meters = meterNamesInTheSources();
    assertThat(meters).as("meter names found in %s", SOURCES).hasSizeGreaterThan(10);

    Set<String> undocumented = new TreeSet<>();
    Set<String> exported = new TreeSet<>();
    for (String meter : meters) {
      String base = meter.replace('.', '_');
      List<String> candidates = SUFFIXES.stream().map(s -> base + s).toList();
      candidates.stream().filter(documented::contains).forEach(exported::add);
      if (candidates.stream().noneMatch(documented::contains)) undocumented.add(meter);
    }
    assertThat(undocumented).as("meters missing from the tables of docs/metrics.md").isEmpty();
    assertThat(documented)
        .as("names in the tables of docs/metrics.md that no meter in %s exports", SOURCES)
        .isSubsetOf(exported);
  }

  @Test
  void theExactNamesAScrapeExportsAreDocumented() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build())
            .build();
    try (client;
        WorkloadEventRecorder events = new WorkloadEventRecorder(client)) {
      WebhookServer webhook = new WebhookServer(0, Path.of("tls.crt"), Path.of("tls.key"), null);
      WebhookConnectionMetrics.register(registry, webhook);
      EventFailureCounter.register(registry, events);
      new LeaderGauge(registry).set(true);
      new NamespaceEnforcementGauges(registry).set("shop", EnforcementMode.ENFORCE);
      new AdmissionMetrics(registry)
          .record(null, null, EnforcementMode.WARN, AdmissionDecision.ALLOWED, 1_000);

      Set<String> scraped = new TreeSet<>();
      for (String line : registry.scrape().lines().toList()) {
        if (!line.startsWith("ownership_")) continue;
        String sample = line.split("[{ ]", 2)[0];
        scraped.add(sample.replaceAll("_(bucket|count|sum|max)$", ""));
      }
      assertThat(scraped)
          .contains(
              "ownership_webhook_connections",
              "ownership_webhook_connections_refused_total",
              "ownership_webhook_connections_timed_out_total",
              "ownership_events_failed_total",
              "ownership_admission_review_seconds");
      assertThat(documented()).containsAll(scraped);
    }
  }
}
