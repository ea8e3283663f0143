package dev.ownership.operator.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShownTest {
  @Test
  void aQuotedValueCannotEndItsQuotesEarlyNorBreakTheLine() {
    assertThat(Shown.quoted("a\" b\\ \n")).isEqualTo("\"a\\\" b\\\\ \\n\"");
    assertThat(Shown.plain("line\u202eend")).isEqualTo("line\\u202eend");
  }

  @Test
  void valuesAreCutShorterThanInLogs() {
    assertThat(Shown.plain("x".repeat(500)))
        .startsWith("x".repeat(Shown.LIMIT))
        .endsWith("… (400 more characters)");
  }
}
