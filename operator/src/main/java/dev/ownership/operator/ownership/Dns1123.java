package dev.ownership.operator.ownership;

import java.util.regex.Pattern;

/** The DNS-1123 label rule that team names follow. */
public final class Dns1123 {
  public static final int MAX_LENGTH = 63;
  public static final String RULE =
      "a DNS-1123 label: 1 to 63 lower-case letters, digits or '-', starting and ending with a"
          + " letter or digit";
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private Dns1123() {}

  public static boolean isLabel(String value) {
    return value != null
        && !value.isEmpty()
        && value.length() <= MAX_LENGTH
        && LABEL.matcher(value).matches();
  }
}
