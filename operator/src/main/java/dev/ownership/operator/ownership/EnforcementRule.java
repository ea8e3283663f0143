package dev.ownership.operator.ownership;

import dev.ownership.operator.text.SafeText;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which admission mode applies in a namespace — the one rule the webhook, the enforcement gauge,
 * {@code audit} and the catalog all use: an exempt namespace is {@code off}; otherwise the
 * namespace's {@code ownership.dev/enforcement} label; otherwise the default.
 *
 * @param exemptNamespaces the configured exempt namespaces and the operator's own
 */
public record EnforcementRule(EnforcementMode defaultMode, Set<String> exemptNamespaces) {

  /**
   * @param exempt the namespace is exempt: the webhook allows everything there without a look
   * @param problem a warning when the namespace label names no mode (the default applies); else
   *     null
   */
  public record Choice(EnforcementMode mode, boolean exempt, String problem) {}

  public EnforcementRule {
    Objects.requireNonNull(defaultMode, "defaultMode");
    exemptNamespaces = Set.copyOf(exemptNamespaces);
  }

  public boolean isExempt(String namespace) {
    return exemptNamespaces.contains(namespace);
  }

  /**
   * The mode of {@code namespace}, whose labels are {@code namespaceLabels} (empty when unknown).
   */
  public Choice of(String namespace, Map<String, String> namespaceLabels) {
    if (isExempt(namespace)) return new Choice(EnforcementMode.OFF, true, null);
    String label =
        namespaceLabels == null ? null : namespaceLabels.get(OwnershipKeys.ENFORCEMENT_LABEL);
    if (label == null) return new Choice(defaultMode, false, null);
    return EnforcementMode.parse(label)
        .map(mode -> new Choice(mode, false, null))
        .orElseGet(
            () ->
                new Choice(
                    defaultMode,
                    false,
                    "Namespace "
                        + namespace
                        + " has label "
                        + OwnershipKeys.ENFORCEMENT_LABEL
                        + "="
                        + SafeText.of(label, 63)
                        + ", which is not a mode (enforce, warn, audit or off); using the default, "
                        + defaultMode.value()
                        + "."));
  }
}
