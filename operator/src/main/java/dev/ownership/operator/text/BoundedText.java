package dev.ownership.operator.text;

/**
 * Cluster values are user input: a description may be megabytes long or carry terminal escape
 * sequences. Everything echoed to a terminal or a page goes through here first.
 */
public final class BoundedText {
  private static final String ELLIPSIS = "…";

  private BoundedText() {}

  /** At most {@code max} characters (code points), with an ellipsis where it was cut. */
  public static String cut(String text, int max) {
    if (text == null) return "";
    if (text.codePointCount(0, text.length()) <= max) return text;
    int end = text.offsetByCodePoints(0, Math.max(0, max - 1));
    return text.substring(0, end) + ELLIPSIS;
  }

  /**
   * Safe to print on a terminal: control characters (escape sequences, carriage returns, line
   * breaks) shown as {@code \\u001b} and the like, then cut to {@code max}.
   */
  public static String terminal(String text, int max) {
    String bounded = cut(text, max);
    StringBuilder out = null;
    for (int i = 0; i < bounded.length(); i++) {
      char c = bounded.charAt(i);
      boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      if (control && out == null)
        out = new StringBuilder(bounded.length() + 8).append(bounded, 0, i);
      if (out == null) continue;
      if (control) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out == null ? bounded : out.toString();
  }
}
