package dev.ownership.operator.ownership;

import java.util.Locale;
import java.util.Optional;

/** {@code --team-registry}: whether team values must name a registered Team (INTERFACE §8). */
public enum TeamRegistryMode {
  /** Teams are not looked up: any DNS-1123 value is a team, as before the registry. */
  OFF,
  /** Unknown teams still own; they are reported (Event, condition, warning, metric). */
  WARN,
  /** An unknown team owns nothing: resolution falls through to the next rule. */
  ENFORCE;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<TeamRegistryMode> parse(String text) {
    if (text == null) return Optional.empty();
    for (TeamRegistryMode mode : values()) {
      if (mode.value().equals(text.trim().toLowerCase(Locale.ROOT))) return Optional.of(mode);
    }
    return Optional.empty();
  }
}
