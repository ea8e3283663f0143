package dev.ownership.operator.admission;

import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.NamespaceDirectory;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.text.SafeText;
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
  private final ReviewRecorder recorder;

  public AdmissionHandler(
      AdmissionPolicy policy, FailureMode failureMode, ReviewRecorder recorder) {
    this.policy = policy;
    this.failureMode = failureMode;
    this.recorder = recorder;
  }

  /**
   * The handler `run` serves: the policy over the given namespaces, configured by {@code settings}.
   */
  public static AdmissionHandler of(
      OwnerResolver resolver,
      NamespaceDirectory directory,
      AdmissionSettings settings,
      ReviewRecorder recorder) {
    return new AdmissionHandler(
        new AdmissionPolicy(resolver, directory, settings.enforcement()),
        settings.failureMode(),
        recorder);
  }

  /**
   * Where each answered review is counted (the admission metrics in production). Typed to the edge.
   */
  @FunctionalInterface
  public interface ReviewRecorder {
    /**
     * @param kind null when the review is not of a kind this webhook judges
     * @param operation null when the review names no operation this webhook knows
     */
    void record(
        ReviewedKind kind,
        Operation operation,
        EnforcementMode mode,
        AdmissionDecision decision,
        long elapsedNanos);
  }

  public AdmissionResult handle(byte[] body) {
    return handle(body, true);
  }

  /**
   * Runs a review through every step without counting it, so that the first real review after start
   * is not the one that pays for class loading and the JIT. Returns how many were answered 200.
   */
  public int warmUp(int times) {
    int answered = 0;
    for (int i = 0; i < times; i++) {
      if (handle(WARM_UP_REVIEW, false).httpStatus() == 200) answered++;
    }
    return answered;
  }

  /** A CREATE of an unowned Deployment in a namespace nobody has: the path a real review takes. */
  private static final byte[] WARM_UP_REVIEW =
      ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{"
           + "\"uid\":\"warm-up\",\"kind\":{\"group\":\"apps\",\"version\":\"v1\","
           + "\"kind\":\"Deployment\"},\"operation\":\"CREATE\",\"namespace\":\"warm-up\","
           + "\"name\":\"warm-up\",\"object\":{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
           + "\"metadata\":{\"name\":\"warm-up\",\"labels\":{\"team\":\"Warm_Up\"}},"
           + "\"spec\":{\"template\":{\"metadata\":{\"labels\":{\"app\":\"warm-up\"}}}}}}}")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private AdmissionResult handle(byte[] body, boolean counted) {
    long started = System.nanoTime();
    ReviewRequest request;
    try {
      request = reader.read(body);
    } catch (BadReviewException e) {
      return AdmissionResult.badRequest(e.getMessage());
    } catch (RuntimeException e) {
      // A bug in reading must not become a 500 or take the server down; without a uid there is no
      // review to answer.
      // One line (the message is the request's text, escaped and bounded); the stack at DEBUG.
      LOG.warn("Could not read an AdmissionReview: {}", SafeText.of(e.toString()));
      LOG.debug("Reading the AdmissionReview failed", e);
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
    if (counted) record(request, verdict, System.nanoTime() - started);
    return AdmissionResult.ok(response);
  }

  private Verdict failed(ReviewRequest request, RuntimeException e) {
    String what =
        SafeText.of(request.kind() == null ? "object" : request.kind(), 63)
            + " "
            + SafeText.of(request.effectiveNamespace(), 63)
            + "/"
            + SafeText.of(request.displayName(), 253);
    LOG.warn(
        "Admission check of {} failed; answering with --failure-mode {}",
        what,
        failureMode.name().toLowerCase(java.util.Locale.ROOT),
        e);
    String reason =
        e.getMessage() == null
            ? e.getClass().getSimpleName()
            : e.getClass().getSimpleName() + ": " + SafeText.of(e.getMessage());
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
      recorder.record(
          request.reviewedKind().orElse(null),
          Operation.parse(request.operation()).orElse(null),
          verdict.mode(),
          verdict.decision(),
          nanos);
    } catch (RuntimeException e) {
      LOG.warn("Could not record admission metrics", e);
    }
  }
}
