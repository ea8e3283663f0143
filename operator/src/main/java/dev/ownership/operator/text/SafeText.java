package dev.ownership.operator.text;

/**
 * User-supplied text made safe to echo in logs, Events, conditions and messages: control characters
 * (a newline could forge a log line, ESC sequences repaint terminals) are shown as escapes, and
 * anything longer than a bound is cut with a note of how much was left out.
 */
public final class SafeText {
  /** Enough for any real label value, name or selector; short enough for a log line. */
  public static final int DEFAULT_LIMIT = 256;

  /**
   * How much of a wrong value an error message quotes: enough to recognise it (a hostile label key
   * or a wrong apiVersion is cut here; the longest valid label key is 317 characters).
   */
  public static final int QUOTE_LIMIT = 100;

  private SafeText() {}

  public static String of(String value) {
    return of(value, DEFAULT_LIMIT);
  }

  /**
   * {@code value} escaped and at most {@code max} characters long, escapes included (plus the note
   * of how much was left out); "null" for null.
   */
  public static String of(String value, int max) {
    if (value == null) return "null";
    int i = 0;
    while (i < value.length() && i < max && isSafe(value.charAt(i))) i++;
    if (i == value.length()) return value;
    StringBuilder out = new StringBuilder(Math.min(value.length(), max) + 40).append(value, 0, i);
    for (; i < value.length(); i++) {
      char c = value.charAt(i);
      String piece =
          isSafe(c)
              ? String.valueOf(c)
              : switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> String.format("\\u%04x", (int) c);
              };
      if (out.length() + piece.length() > max) break;
      out.append(piece);
    }
    if (i < value.length()) {
      out.append("… (").append(value.length() - i).append(" more characters)");
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
