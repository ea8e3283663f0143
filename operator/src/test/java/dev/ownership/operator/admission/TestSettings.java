package dev.ownership.operator.admission;

import dev.ownership.operator.config.EnforcementMode;
import dev.ownership.operator.config.FailureMode;
import dev.ownership.operator.config.OperatorSettings;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import java.time.Duration;
import java.util.Set;

/** OperatorSettings as `run` would build them, with the parts the webhook reads chosen per test. */
final class TestSettings {
  static final String OPERATOR_NAMESPACE = "ownership-system";

  private TestSettings() {}

  static OperatorSettings of(EnforcementMode defaultMode) {
    return of(defaultMode, FailureMode.OPEN, OwnerLabelKeys.DEFAULT);
  }

  static OperatorSettings of(EnforcementMode defaultMode, FailureMode failureMode, OwnerLabelKeys keys) {
    return new OperatorSettings(Set.of(), keys, 8080, 8443, null, null, defaultMode,
        Set.of("kube-system", "kube-public", "kube-node-lease"), failureMode, OPERATOR_NAMESPACE, false,
        "ownership-operator-leader", 4, 20.0, Duration.ofMinutes(10), false, "ownership-webhook-tls", "ownership-webhook",
        "ownership-operator");
  }
}
