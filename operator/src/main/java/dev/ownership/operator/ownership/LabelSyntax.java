package dev.ownership.operator.ownership;

import dev.ownership.operator.text.SafeText;
import java.util.regex.Pattern;

/** Kubernetes' syntax rules for label keys and values (apimachinery validation). */
final class LabelSyntax {
  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private LabelSyntax() {}

  /** Returns why the key is invalid, or null when it is valid. */
  static String keyProblem(String key) {
    if (key == null || key.isEmpty()) return "a label key must not be empty";
    int slash = key.indexOf('/');
    String name = key;
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        return "label key '"
            + SafeText.of(key, SafeText.QUOTE_LIMIT)
            + "' has an invalid prefix: it must be a DNS subdomain (lower case, at most 253"
            + " characters)";
      }
    }
    if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
      return "label key '"
          + SafeText.of(key, SafeText.QUOTE_LIMIT)
          + "' is invalid: the name part must be 1 to 63 characters of letters, digits, '-', '_' or"
          + " '.', starting and ending with a letter or digit";
    }
    return null;
  }

  /** Returns why the value is invalid, or null when it is valid (the empty value is valid). */
  static String valueProblem(String value) {
    if (value == null) return "a label value must not be null";
    if (value.isEmpty()) return null;
    if (value.length() > 63 || !NAME.matcher(value).matches()) {
      return "label value '"
          + SafeText.of(value, SafeText.QUOTE_LIMIT)
          + "' is invalid: it must be at most 63 characters of letters, digits, '-', '_' or '.', "
          + "starting and ending with a letter or digit";
    }
    return null;
  }
}
