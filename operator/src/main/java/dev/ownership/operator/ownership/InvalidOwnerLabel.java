package dev.ownership.operator.ownership;

import dev.ownership.operator.text.SafeText;

/** An owner label key carried with a value that is not a team name; resolution skipped it. */
public record InvalidOwnerLabel(String key, String value) {
  public String message() {
    return "label "
        + SafeText.of(key, 317)
        + "="
        + SafeText.of(value, 80)
        + " is not a valid team name and was ignored: a team must be "
        + Dns1123.RULE;
  }
}
