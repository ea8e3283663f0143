package dev.ownership.operator.text;

/**
 * User-supplied text made safe to echo in logs, Events, conditions and messages: control characters
 * (a newline could forge a log line, ESC sequences repaint terminals) are shown as escapes, and
 * anything longer than a bound is cut with a note of how much was left out.
 */
public final class SafeText {
  /** Enough for any real label value, name or selector; short enough for a log line. */
  public static final int DEFAULT_LIMIT = 256;

  private SafeText() {}

  public static String of(String value) {
    return of(value, DEFAULT_LIMIT);
  }

  /**
   * {@code value} escaped and at most {@code max} characters long (plus the note); "null" for null.
   */
  public static String of(String value, int max) {
    if (value == null) return "null";
    int end = Math.min(value.length(), max);
    StringBuilder out = null;
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      if (isSafe(c)) {
        if (out != null) out.append(c);
        continue;
      }
      if (out == null) out = new StringBuilder(end + 16).append(value, 0, i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(String.format("\\u%04x", (int) c));
      }
    }
    if (out == null && end == value.length()) return value;
    if (out == null) out = new StringBuilder(end + 40).append(value, 0, end);
    if (end < value.length()) {
      out.append("… (").append(value.length() - end).append(" more characters)");
    }
    return out.toString();
  }

  /** Printable: not a C0/C1 control, DEL, a line or paragraph separator, or a bidi override. */
  private static boolean isSafe(char c) {
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return false;
    if (c == '\u2028' || c == '\u2029') return false;
    return !(c >= '\u202a' && c <= '\u202e') && !(c >= '\u2066' && c <= '\u2069');
  }
}
