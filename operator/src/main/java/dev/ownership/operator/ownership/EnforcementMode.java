package dev.ownership.operator.ownership;

import java.util.Locale;
import java.util.Optional;

/** What the admission webhook does with a workload that would have no owner. */
public enum EnforcementMode {
  ENFORCE,
  WARN,
  AUDIT,
  OFF;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the value of the {@code ownership.dev/enforcement} label or flag; empty when it is not a
   * mode.
   */
  public static Optional<EnforcementMode> parse(String text) {
    if (text == null) return Optional.empty();
    for (EnforcementMode mode : values()) {
      if (mode.value().equals(text.trim().toLowerCase(Locale.ROOT))) return Optional.of(mode);
    }
    return Optional.empty();
  }
}
