package dev.ownership.operator.metrics;

import dev.ownership.operator.admission.AdmissionDecision;
import dev.ownership.operator.admission.AdmissionHandler;
import dev.ownership.operator.admission.Operation;
import dev.ownership.operator.admission.ReviewedKind;
import dev.ownership.operator.ownership.EnforcementMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code ownership_admission_reviews_total{kind,operation,mode,decision}} and the latency histogram
 * {@code ownership_admission_review_seconds}. Every label value is typed (a workload kind or
 * ServiceOwnership, an operation, a mode, a decision), and what a request names outside those sets
 * arrives as null and is counted as {@code other}: a caller can never grow the number of series.
 */
public final class AdmissionMetrics implements AdmissionHandler.ReviewRecorder {
  static final String REVIEWS = "ownership.admission.reviews";
  static final String REVIEW_LATENCY = "ownership.admission.review";
  static final String OTHER = "other";

  /**
   * Buckets from 0.5 ms to 1 s: a webhook answers in about a millisecond, the API server gives up
   * at 10 s.
   */
  static final Duration[] LATENCY_BUCKETS = {
    millis(0.5),
    millis(1),
    millis(2.5),
    millis(5),
    millis(10),
    millis(25),
    millis(50),
    millis(100),
    millis(250),
    millis(500),
    millis(1000)
  };

  private record Labels(String kind, String operation, String mode, String decision) {}

  private final MeterRegistry registry;
  private final Timer latency;
  private final Map<Labels, Counter> counters = new ConcurrentHashMap<>();

  public AdmissionMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.latency =
        Timer.builder(REVIEW_LATENCY)
            .description("Time from receiving an AdmissionReview to having its response ready")
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .register(registry);
  }

  @Override
  public void record(
      ReviewedKind kind,
      Operation operation,
      EnforcementMode mode,
      AdmissionDecision decision,
      long elapsedNanos) {
    Labels labels =
        new Labels(
            kind == null ? OTHER : kind.kind(),
            operation == null ? OTHER : operation.name(),
            mode == null ? OTHER : mode.value(),
            decision == null ? OTHER : decision.value());
    counters.computeIfAbsent(labels, this::counter).increment();
    latency.record(Math.max(0, elapsedNanos), TimeUnit.NANOSECONDS);
  }

  private Counter counter(Labels labels) {
    return Counter.builder(REVIEWS)
        .description("AdmissionReviews answered, by kind, operation, enforcement mode and decision")
        .tags(
            "kind",
            labels.kind(),
            "operation",
            labels.operation(),
            "mode",
            labels.mode(),
            "decision",
            labels.decision())
        .register(registry);
  }

  private static Duration millis(double ms) {
    return Duration.ofNanos(Math.round(ms * 1_000_000));
  }
}
