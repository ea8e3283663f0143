package dev.ownership.operator.admission;

import dev.ownership.operator.config.FailureMode;
import dev.ownership.operator.config.OperatorSettings;
import dev.ownership.operator.metrics.AdmissionMetrics;
import dev.ownership.operator.ownership.NamespaceDirectory;
import dev.ownership.operator.ownership.OwnerResolver;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the body of a {@code POST /validate} into the HTTP answer, without sockets: read the
 * review, decide, write the response, count it. CPU only and fast, so the server calls it on its
 * event loop.
 *
 * <p>Bad input is a 400 with a JSON error. An internal failure while deciding is answered by {@code
 * --failure-mode}: open allows with a warning, closed refuses; both count as {@code error}.
 */
public final class AdmissionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AdmissionHandler.class);

  private final AdmissionReviewReader reader = new AdmissionReviewReader();
  private final AdmissionPolicy policy;
  private final FailureMode failureMode;
  private final ReviewRecorder metrics;

  public AdmissionHandler(
      OwnerResolver resolver,
      NamespaceDirectory directory,
      OperatorSettings settings,
      AdmissionMetrics metrics) {
    this(resolver, directory, settings, metrics::record);
  }

  AdmissionHandler(
      OwnerResolver resolver,
      NamespaceDirectory directory,
      OperatorSettings settings,
      ReviewRecorder metrics) {
    this.policy = new AdmissionPolicy(resolver, directory, settings);
    this.failureMode = settings.failureMode();
    this.metrics = metrics;
  }

  /** Where each answered review is counted; {@link AdmissionMetrics#record} in production. */
  @FunctionalInterface
  interface ReviewRecorder {
    void record(String kind, String operation, String mode, String decision, long elapsedNanos);
  }

  public AdmissionResult handle(byte[] body) {
    long started = System.nanoTime();
    ReviewRequest request;
    try {
      request = reader.read(body);
    } catch (BadReviewException e) {
      return AdmissionResult.badRequest(e.getMessage());
    } catch (RuntimeException e) {
      // A bug in reading must not become a 500 or take the server down; without a uid there is no
      // review to answer.
      LOG.warn("Could not read an AdmissionReview", e);
      return AdmissionResult.badRequest(
          "the AdmissionReview could not be read (" + e.getClass().getSimpleName() + ")");
    }

    Verdict verdict;
    try {
      verdict = policy.decide(request);
    } catch (BadReviewException e) {
      return AdmissionResult.badRequest(e.getMessage());
    } catch (RuntimeException e) {
      verdict = failed(request, e);
    }
    byte[] response = AdmissionResponses.review(request.uid(), verdict);
    record(request, verdict, System.nanoTime() - started);
    return AdmissionResult.ok(response);
  }

  private Verdict failed(ReviewRequest request, RuntimeException e) {
    String what =
        (request.kind() == null ? "object" : request.kind())
            + " "
            + request.effectiveNamespace()
            + "/"
            + request.displayName();
    LOG.warn(
        "Admission check of {} failed; answering with --failure-mode {}",
        what,
        failureMode.name().toLowerCase(),
        e);
    String reason =
        e.getMessage() == null
            ? e.getClass().getSimpleName()
            : e.getClass().getSimpleName() + ": " + e.getMessage();
    if (failureMode == FailureMode.OPEN) {
      return Verdict.allow(
          AdmissionDecision.ERROR,
          policy.defaultMode(),
          List.of(
              "The ownership webhook could not check "
                  + what
                  + " ("
                  + reason
                  + "); allowed because the operator runs with --failure-mode open."));
    }
    return Verdict.deny(
        AdmissionDecision.ERROR,
        policy.defaultMode(),
        500,
        "The ownership webhook could not check "
            + what
            + " ("
            + reason
            + "); refused because the operator runs with --failure-mode closed. Retry, or ask the"
            + " cluster admins.",
        List.of());
  }

  private void record(ReviewRequest request, Verdict verdict, long nanos) {
    try {
      metrics.record(
          request.kind() == null ? "" : request.kind(),
          request.operation() == null ? "" : request.operation(),
          verdict.mode().value(),
          verdict.decision().value(),
          nanos);
    } catch (RuntimeException e) {
      LOG.warn("Could not record admission metrics", e);
    }
  }
}
