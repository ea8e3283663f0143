package dev.ownership.operator.text;

/**
 * User-supplied text (label values, names) made safe to echo in one line of a terminal, a log or a
 * message: control and invisible formatting characters escaped, length bounded.
 */
public final class UserText {
  /** Enough for any valid Kubernetes name or label value; longer text is cut. */
  public static final int MAX_LENGTH = 100;

  private static final String CUT = "...";

  private UserText() {}

  /** The value in double quotes, with quotes and backslashes escaped too. */
  public static String quoted(String value) {
    return "\"" + escape(value, true) + "\"";
  }

  /** The value without quotes, for names that are shown as they are. */
  public static String plain(String value) {
    return escape(value, false);
  }

  private static String escape(String value, boolean quoting) {
    if (value == null) return "";
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_LENGTH) + 8);
    int shown = 0;
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      if (shown == MAX_LENGTH) {
        out.append(CUT);
        break;
      }
      shown++;
      if (quoting && (c == '"' || c == '\\')) {
        out.append('\\').appendCodePoint(c);
      } else if (isUnsafe(c)) {
        out.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    }
    return out.toString();
  }

  /**
   * Control characters (which can end a line or move the cursor) and invisible format characters
   * (bidirectional overrides can make text read differently from what it is).
   */
  private static boolean isUnsafe(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
