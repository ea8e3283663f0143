package dev.ownership.operator.metrics;

import io.micrometer.core.instrument.MeterRegistry;

// SKELETON: the metrics issue fills this in (ownership_admission_reviews_total, ownership_admission_review_seconds).
public final class AdmissionMetrics {
  public AdmissionMetrics(MeterRegistry registry) {}

  /**
   * @param decision allowed, denied, warned, audited, exempt or error
   */
  public void record(String kind, String operation, String mode, String decision, long elapsedNanos) {}
}
