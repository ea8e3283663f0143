package dev.ownership.operator.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserTextTest {
  @Test
  void controlAndInvisibleCharactersAreEscaped() {
    assertThat(UserText.plain("a\nb\r\tc\u001b[31m"))
        .isEqualTo("a\\u000ab\\u000d\\u0009c\\u001b[31m");
    assertThat(UserText.plain("abc\u202edef\u2028")).isEqualTo("abc\\u202edef\\u2028");
    assertThat(UserText.plain("tag\uDB40\uDC01")).isEqualTo("tag\\U000e0001");
    assertThat(UserText.plain("café-ü")).isEqualTo("café-ü");
  }

  @Test
  void quotedEscapesQuotesAndBackslashes() {
    assertThat(UserText.quoted("say \"hi\" \\o/")).isEqualTo("\"say \\\"hi\\\" \\\\o/\"");
    assertThat(UserText.plain("say \"hi\"")).isEqualTo("say \"hi\"");
    assertThat(UserText.quoted(null)).isEqualTo("\"\"");
  }

  @Test
  void longTextIsCutAtABound() {
    String shown = UserText.plain("x".repeat(5000));
    assertThat(shown).isEqualTo("x".repeat(UserText.MAX_LENGTH) + "...");
    assertThat(UserText.plain("y".repeat(UserText.MAX_LENGTH))).isEqualTo("y".repeat(100));
  }
}
