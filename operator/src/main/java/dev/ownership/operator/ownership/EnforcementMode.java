package dev.ownership.operator.ownership;

import java.util.Locale;
import java.util.Optional;

/** What the admission webhook does with a workload that would have no owner. */
public enum EnforcementMode {
  ENFORCE,
  WARN,
  AUDIT,
  OFF;

  // The webhook asks for it on every review: made once, not lower-cased each time.
  private final String value = name().toLowerCase(Locale.ROOT);

  public String value() {
    return value;
  }

  /**
   * Parses the value of the {@code ownership.dev/enforcement} label or flag; empty when it is not a
   * mode.
   */
  public static Optional<EnforcementMode> parse(String text) {
    if (text == null) return Optional.empty();
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    for (EnforcementMode mode : values()) {
      if (mode.value.equals(wanted)) return Optional.of(mode);
    }
    return Optional.empty();
  }
}
