package dev.ownership.operator.suggest;

import java.util.Locale;

/** How sure a suggestion is, strongest first. */
public enum Confidence {
  HIGH,
  MEDIUM,
  LOW;

  /** One step weaker; {@link #LOW} stays low. */
  public Confidence lower() {
    return this == LOW ? LOW : values()[ordinal() + 1];
  }

  /** {@code high}, {@code medium} or {@code low}, as printed and in JSON. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
