package dev.ownership.operator.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written label check against the rule as Kubernetes writes it, a regular expression. */
class Dns1123Test {
  private static final Pattern RULE = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  @Test
  void agreesWithTheRegularExpressionOnEveryShortString() {
    char[] alphabet = {'a', 'z', 'm', '0', '9', '-', 'A', 'Z', '_', '.', ' ', 'é', '/', '`', '{'};
    List<String> strings = new ArrayList<>(List.of(""));
    for (int length = 1; length <= 4; length++) {
      List<String> longer = new ArrayList<>();
      for (String s : strings) {
        if (s.length() != length - 1) continue;
        for (char c : alphabet) longer.add(s + c);
      }
      strings.addAll(longer);
    }
    assertThat(strings).hasSizeGreaterThan(50_000);
    for (String s : strings) {
      assertThat(Dns1123.isLabel(s)).as("'%s'", s).isEqualTo(RULE.matcher(s).matches());
    }
  }

  @Test
  void allowsAtMostSixtyThreeCharacters() {
    assertThat(Dns1123.isLabel("a".repeat(63))).isTrue();
    assertThat(Dns1123.isLabel("a".repeat(64))).isFalse();
    assertThat(Dns1123.isLabel("a-" + "b".repeat(61))).isTrue();
    assertThat(Dns1123.isLabel(null)).isFalse();
  }
}
