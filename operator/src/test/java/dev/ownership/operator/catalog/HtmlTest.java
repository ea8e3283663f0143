package dev.ownership.operator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which URLs may become links. */
class HtmlTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://runbooks.example.com/checkout",
        "http://grafana.local:3000/d/x?a=1&b=2",
        "HTTPS://EXAMPLE.COM",
        "mailto:payments@example.com"
      })
  void httpHttpsAndMailtoAreLinks(String url) {
    assertThat(Html.isSafeUrl(url)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "//evil.example.com/x",
        "/relative/path",
        "#payments-oncall",
        "https://",
        "https://exa mple.com",
        "https://example.com/\u0000",
        "java\tscript:alert(1)"
      })
  void everythingElseIsText(String url) {
    assertThat(Html.isSafeUrl(url)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"<", ">", "&", "\"", "'"})
  void escapesWhatHtmlTreatsSpecially(String c) {
    assertThat(Html.escape("a" + c + "b"))
        .doesNotContain(c.equals("&") ? "a&b" : c)
        .startsWith("a&");
  }
}
