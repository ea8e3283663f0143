package dev.ownership.operator.ownership;

import dev.ownership.operator.text.SafeText;

/**
 * A team value the registry does not know, and where it was found.
 *
 * @param where e.g. {@code label team}, {@code ServiceOwnership checkout}, {@code namespace label
 *     ownership.dev/team}
 */
public record UnknownTeam(String value, String where) {
  private static final String SERVICE_OWNERSHIP = "ServiceOwnership ";

  /** A label value {@code value} under {@code key}. */
  public static UnknownTeam inLabel(String key, String value) {
    return new UnknownTeam(value, "label " + key);
  }

  /** The namespace's {@code ownership.dev/team} label. */
  public static UnknownTeam inNamespaceLabel(String value) {
    return new UnknownTeam(value, "namespace label " + OwnershipKeys.NAMESPACE_TEAM_LABEL);
  }

  /** The {@code spec.team} of ServiceOwnership {@code name}. */
  public static UnknownTeam inServiceOwnership(String name, String value) {
    return new UnknownTeam(value, SERVICE_OWNERSHIP + name);
  }

  /**
   * Whether a ServiceOwnership names it: reported on that resource (its Event and TeamKnown), not
   * on each workload it selects.
   */
  public boolean fromServiceOwnership() {
    return where.startsWith(SERVICE_OWNERSHIP);
  }

  /** E.g. {@code team paymnts (label team) is not a registered Team; did you mean payments?} */
  public String message(TeamRegistry registry) {
    return "team "
        + SafeText.of(value, 63)
        + " ("
        + where
        + ") is not a registered Team; "
        + registry.didYouMean(value);
  }
}
