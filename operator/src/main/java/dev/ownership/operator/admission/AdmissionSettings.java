package dev.ownership.operator.admission;

import dev.ownership.operator.ownership.EnforcementRule;
import java.util.Objects;

/**
 * What the webhook is configured with: the mode rule (default mode, exempt namespaces) and what to
 * answer when it fails internally. Everything else about the operator is none of its business.
 */
public record AdmissionSettings(EnforcementRule enforcement, FailureMode failureMode) {
  public AdmissionSettings {
    Objects.requireNonNull(enforcement, "enforcement");
    Objects.requireNonNull(failureMode, "failureMode");
  }
}
