package dev.ownership.operator.metrics;

import dev.ownership.operator.controller.WorkloadEventRecorder;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code ownership_events_failed_total}: Events the operator gave up recording after every retry
 * failed. An Event marks a transition, so each one counted here is a report nobody will see.
 */
public final class EventFailureCounter {
  static final String NAME = "ownership.events.failed";

  private EventFailureCounter() {}

  public static void register(MeterRegistry registry, WorkloadEventRecorder events) {
    FunctionCounter.builder(NAME, events, WorkloadEventRecorder::failures)
        .description("Events that could not be recorded after every retry")
        .register(registry);
  }
}
