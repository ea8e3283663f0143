package dev.ownership.operator.admission;

import dev.ownership.operator.ownership.EnforcementMode;
import java.util.List;
import java.util.Map;

/**
 * The answer to one review, before it is written as JSON.
 *
 * @param statusCode the {@code response.status.code}; 0 when allowed (no status is sent)
 * @param message the {@code response.status.message} of a refusal; null when allowed
 */
public record Verdict(
    AdmissionDecision decision,
    EnforcementMode mode,
    boolean allowed,
    int statusCode,
    String message,
    List<String> warnings,
    Map<String, String> auditAnnotations) {

  public Verdict {
    warnings = List.copyOf(warnings);
    auditAnnotations = Map.copyOf(auditAnnotations);
  }

  public static Verdict allow(AdmissionDecision decision, EnforcementMode mode) {
    return new Verdict(decision, mode, true, 0, null, List.of(), Map.of());
  }

  public static Verdict allow(
      AdmissionDecision decision, EnforcementMode mode, List<String> warnings) {
    return new Verdict(decision, mode, true, 0, null, warnings, Map.of());
  }

  public static Verdict audit(
      EnforcementMode mode, List<String> warnings, Map<String, String> auditAnnotations) {
    return new Verdict(AdmissionDecision.AUDITED, mode, true, 0, null, warnings, auditAnnotations);
  }

  public static Verdict deny(
      AdmissionDecision decision,
      EnforcementMode mode,
      int statusCode,
      String message,
      List<String> warnings) {
    return new Verdict(decision, mode, false, statusCode, message, warnings, Map.of());
  }
}
