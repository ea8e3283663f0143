package dev.ownership.operator.suggest;

import dev.ownership.operator.text.SafeText;

/**
 * User-supplied text (names, label values) inside evidence messages: escaped by {@link SafeText}
 * and cut shorter than its default, since a message names several of them on one line.
 */
final class Shown {
  /** Longer than any valid name or label value (63 characters; names up to 253 are rare). */
  static final int LIMIT = 100;

  private Shown() {}

  static String plain(String value) {
    return SafeText.of(value, LIMIT);
  }

  /** In double quotes, with quotes and backslashes inside escaped so the value cannot end early. */
  static String quoted(String value) {
    return "\"" + SafeText.of(value.replace("\\", "\\\\").replace("\"", "\\\""), LIMIT) + "\"";
  }
}
