package dev.ownership.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ownership.operator.admission.AdmissionDecision;
import dev.ownership.operator.admission.Operation;
import dev.ownership.operator.admission.ReviewedKind;
import dev.ownership.operator.ownership.EnforcementMode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdmissionMetricsTest {
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final AdmissionMetrics metrics = new AdmissionMetrics(registry);

  static long millis(double ms) {
    return (long) (ms * 1_000_000);
  }

  PrometheusSamples scrape() {
    return PrometheusSamples.parse(registry.scrape());
  }

  @Test
  void countsReviewsUnderTheExactPrometheusNameAndLabels() {
    metrics.record(
        ReviewedKind.DEPLOYMENT,
        Operation.CREATE,
        EnforcementMode.ENFORCE,
        AdmissionDecision.DENIED,
        millis(1));
    metrics.record(
        ReviewedKind.DEPLOYMENT,
        Operation.CREATE,
        EnforcementMode.ENFORCE,
        AdmissionDecision.DENIED,
        millis(1));
    metrics.record(
        ReviewedKind.CRONJOB,
        Operation.UPDATE,
        EnforcementMode.WARN,
        AdmissionDecision.WARNED,
        millis(1));

    String exposition = registry.scrape();
    assertThat(exposition).contains("# TYPE ownership_admission_reviews_total counter");
    assertThat(PrometheusSamples.parse(exposition).series("ownership_admission_reviews_total"))
        .containsOnly(
            entry("decision=denied,kind=Deployment,mode=enforce,operation=CREATE", 2.0),
            entry("decision=warned,kind=CronJob,mode=warn,operation=UPDATE", 1.0));
  }

  @Test
  void theLatencyHistogramHasNoLabelsAndBucketsFromHalfAMillisecondToOneSecond() {
    metrics.record(
        ReviewedKind.DEPLOYMENT,
        Operation.CREATE,
        EnforcementMode.WARN,
        AdmissionDecision.ALLOWED,
        millis(0.3));
    metrics.record(
        ReviewedKind.DEPLOYMENT,
        Operation.CREATE,
        EnforcementMode.WARN,
        AdmissionDecision.ALLOWED,
        millis(0.7));
    metrics.record(
        ReviewedKind.DEPLOYMENT,
        Operation.CREATE,
        EnforcementMode.WARN,
        AdmissionDecision.ALLOWED,
        millis(3));
    metrics.record(
        ReviewedKind.DEPLOYMENT,
        Operation.CREATE,
        EnforcementMode.WARN,
        AdmissionDecision.ALLOWED,
        millis(700));
    metrics.record(
        ReviewedKind.DEPLOYMENT,
        Operation.CREATE,
        EnforcementMode.WARN,
        AdmissionDecision.ALLOWED,
        millis(2500));

    String exposition = registry.scrape();
    assertThat(exposition).contains("# TYPE ownership_admission_review_seconds histogram");
    PrometheusSamples samples = PrometheusSamples.parse(exposition);
    Map<Double, Double> buckets = new TreeMap<>();
    for (PrometheusSamples.Sample s : samples.named("ownership_admission_review_seconds_bucket")) {
      assertThat(s.labels().keySet()).containsOnly("le");
      buckets.put(Double.parseDouble(s.labels().get("le").replace("+Inf", "Infinity")), s.value());
    }
    assertThat(buckets.keySet())
        .containsExactly(
            0.0005,
            0.001,
            0.0025,
            0.005,
            0.01,
            0.025,
            0.05,
            0.1,
            0.25,
            0.5,
            1.0,
            Double.POSITIVE_INFINITY);
    // cumulative counts: 0.3 ms | 0.7 ms | 3 ms | 700 ms | 2.5 s
    assertThat(buckets.get(0.0005)).isEqualTo(1.0);
    assertThat(buckets.get(0.001)).isEqualTo(2.0);
    assertThat(buckets.get(0.0025)).isEqualTo(2.0);
    assertThat(buckets.get(0.005)).isEqualTo(3.0);
    assertThat(buckets.get(0.5)).isEqualTo(3.0);
    assertThat(buckets.get(1.0)).isEqualTo(4.0);
    assertThat(buckets.get(Double.POSITIVE_INFINITY)).isEqualTo(5.0);
    assertThat(samples.value("ownership_admission_review_seconds_count")).contains(5.0);
    assertThat(samples.named("ownership_admission_review_seconds_count").get(0).labels()).isEmpty();
    assertThat(samples.value("ownership_admission_review_seconds_sum").orElseThrow())
        .isCloseTo((0.3 + 0.7 + 3 + 700 + 2500) / 1000, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void valuesOutsideTheKnownSetsAreCountedAsOtherSoRequestsCannotAddSeries() {
    // The handler passes null for a kind or operation a request names outside the known sets.
    metrics.record(null, Operation.DELETE, EnforcementMode.ENFORCE, AdmissionDecision.ALLOWED, 0);
    metrics.record(null, null, null, null, -5);
    metrics.record(null, null, null, null, 0);
    metrics.record(
        ReviewedKind.DEPLOYMENT,
        Operation.CREATE,
        EnforcementMode.ENFORCE,
        AdmissionDecision.DENIED,
        0);

    assertThat(scrape().series("ownership_admission_reviews_total"))
        .containsOnly(
            entry("decision=allowed,kind=other,mode=enforce,operation=DELETE", 1.0),
            entry("decision=other,kind=other,mode=other,operation=other", 2.0),
            entry("decision=denied,kind=Deployment,mode=enforce,operation=CREATE", 1.0));
    assertThat(scrape().value("ownership_admission_review_seconds_count")).contains(4.0);
  }

  @Test
  void everyDecisionOfTheInterfaceIsItsOwnLabelValue() {
    List<String> decisions = List.of("allowed", "denied", "warned", "audited", "exempt", "error");
    for (AdmissionDecision d : AdmissionDecision.values()) {
      metrics.record(
          ReviewedKind.JOB,
          Operation.CREATE,
          EnforcementMode.AUDIT,
          d,
          TimeUnit.MICROSECONDS.toNanos(100));
    }

    assertThat(scrape().named("ownership_admission_reviews_total"))
        .extracting(s -> s.labels().get("decision"))
        .containsExactlyInAnyOrderElementsOf(decisions);
  }
}
