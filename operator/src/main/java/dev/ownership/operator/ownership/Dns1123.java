package dev.ownership.operator.ownership;

/** The DNS-1123 label rule that team names follow. */
public final class Dns1123 {
  public static final int MAX_LENGTH = 63;
  public static final String RULE =
      "a DNS-1123 label: 1 to 63 lower-case letters, digits or '-', starting and ending with a"
          + " letter or digit";

  private Dns1123() {}

  /** {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}, at most 63 long; checked by hand, on every review. */
  public static boolean isLabel(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) return false;
    int last = value.length() - 1;
    for (int i = 0; i <= last; i++) {
      char c = value.charAt(i);
      boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alphanumeric && (c != '-' || i == 0 || i == last)) return false;
    }
    return true;
  }
}
