package dev.ownership.operator.who;

import dev.ownership.operator.ownership.Dns1123;
import dev.ownership.operator.text.SafeText;
import java.util.List;

/** What the user asked about: {@code pod/checkout-7d4b9c-x2k4p}, or kind and name as two words. */
public record Target(TargetKind kind, String name) {
  /** Longest name Kubernetes accepts for any of these kinds (a DNS subdomain). */
  static final int MAX_NAME = 253;

  @Override
  public String toString() {
    return kind.slashName(name);
  }

  /**
   * @param words {@code KIND/NAME}, or {@code KIND NAME}
   * @throws IllegalArgumentException with a message that says what to write instead
   */
  public static Target parse(List<String> words) {
    String kindWord;
    String name;
    if (words.size() == 1 && words.get(0).contains("/")) {
      String word = words.get(0);
      int slash = word.indexOf('/');
      kindWord = word.substring(0, slash);
      name = word.substring(slash + 1);
    } else if (words.size() == 2 && !words.get(0).contains("/")) {
      kindWord = words.get(0);
      name = words.get(1);
    } else {
      throw new IllegalArgumentException(
          "give one target as KIND/NAME (e.g. pod/checkout-7d4b9c-x2k4p) or KIND NAME");
    }
    TargetKind kind =
        TargetKind.parse(kindWord)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "'"
                            + SafeText.of(kindWord, 40)
                            + "' is not a kind who knows; use one of "
                            + TargetKind.accepted()));
    if (name.isEmpty() || name.length() > MAX_NAME || !isObjectName(name)) {
      throw new IllegalArgumentException(
          "'"
              + SafeText.of(name, 80)
              + "' is not a Kubernetes object name (lower-case letters, digits, '-' and '.')");
    }
    return new Target(kind, name);
  }

  private static boolean isObjectName(String name) {
    for (String part : name.split("\\.", -1)) {
      if (!Dns1123.isLabel(part)) return false;
    }
    return true;
  }
}
