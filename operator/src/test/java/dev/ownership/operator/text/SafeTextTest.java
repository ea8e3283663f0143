package dev.ownership.operator.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {
  @Test
  void controlCharactersAreShownAsEscapesSoNoLogLineCanBeForged() {
    assertThat(SafeText.of("app\n[main] ERROR forged\r\u001b[31mred\u0000"))
        .isEqualTo("app\\n[main] ERROR forged\\r\\u001b[31mred\\u0000")
        .doesNotContain("\n", "\r", "\u001b");
    assertThat(SafeText.of("bidi\u202eevil\u2028")).isEqualTo("bidi\\u202eevil\\u2028");
  }

  @Test
  void longTextIsCutAndSaysHowMuchWasLeftOut() {
    String cut = SafeText.of("k".repeat(10_000), 100);
    assertThat(cut).startsWith("k".repeat(100)).endsWith("… (9900 more characters)").hasSize(124);
  }

  /** Found by RulesFuzzTest: escapes count towards the bound, or 100 NULs became 600 characters. */
  @Test
  void escapesCountTowardsTheBound() {
    String cut = SafeText.of("\u0000".repeat(1000), 60);
    assertThat(cut).startsWith("\\u0000".repeat(10) + "… (990 more characters)");
  }

  @Test
  void ordinaryTextIsReturnedAsItIs() {
    String text = "Deployment shop/cart has no owner — ünïcode stays";
    assertThat(SafeText.of(text)).isSameAs(text);
    assertThat(SafeText.of(null)).isEqualTo("null");
  }
}
