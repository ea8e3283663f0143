package dev.ownership.operator.ownership;

import dev.ownership.operator.text.SafeText;

/**
 * A team value the registry does not know, and where it was found.
 *
 * @param where e.g. {@code label team}, {@code ServiceOwnership checkout}, {@code namespace label
 *     ownership.dev/team}
 */
public record UnknownTeam(String value, String where) {
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
