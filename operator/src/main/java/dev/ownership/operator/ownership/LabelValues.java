package dev.ownership.operator.ownership;

import dev.ownership.operator.text.SafeText;
import java.util.HashMap;
import java.util.Map;

/**
 * How every reader (controller cache, webhook, {@code audit}) reads a label map. A value must be a
 * string; JSON {@code null} reads as the empty string, which is what the API server stores for it
 * (so an owner label {@code team: null} is an invalid team, not a missing one). Anything else — a
 * number, a boolean, a list — is refused, as {@code kubectl} refuses it.
 */
public final class LabelValues {
  private LabelValues() {}

  /** A label map that cannot be read; the message names the field. */
  public static final class InvalidLabelsException extends Exception {
    public InvalidLabelsException(String message) {
      super(message, null, false, false);
    }
  }

  /** The value a label holds when its JSON value is null. */
  public static String ofNull() {
    return "";
  }

  /**
   * Why a non-string value is refused, e.g. {@code metadata.labels.tier is a number; label values
   * are strings}.
   */
  public static String notAString(String path, String key, String found) {
    return path
        + "."
        + SafeText.of(key, SafeText.QUOTE_LIMIT)
        + " is "
        + found
        + "; label values are strings";
  }

  /**
   * The labels of a parsed JSON tree (a map of strings); {@code path} names it in messages.
   *
   * @param raw null or absent means no labels
   */
  public static Map<String, String> read(Object raw, String path) throws InvalidLabelsException {
    if (raw == null) return Map.of();
    if (!(raw instanceof Map<?, ?> map)) {
      throw new InvalidLabelsException(
          path + " is " + JsonShapes.describe(raw) + ", not a map of strings");
    }
    Map<String, String> labels = new HashMap<>(map.size() * 2);
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object value = e.getValue();
      if (value == null) {
        labels.put(key, ofNull());
      } else if (value instanceof String s) {
        labels.put(key, s);
      } else {
        throw new InvalidLabelsException(notAString(path, key, JsonShapes.describe(value)));
      }
    }
    return labels;
  }
}
