package dev.ownership.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpositionFormatTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "NULL | PROMETHEUS_TEXT",
        "'' | PROMETHEUS_TEXT",
        "*/* | PROMETHEUS_TEXT",
        "text/plain | PROMETHEUS_TEXT",
        "text/plain;version=0.0.4 | PROMETHEUS_TEXT",
        "application/json | PROMETHEUS_TEXT",
        "application/openmetrics-text | OPENMETRICS",
        "application/openmetrics-text; version=1.0.0; charset=utf-8 | OPENMETRICS",
        "application/openmetrics-text;version=1.0.0,"
            + " application/openmetrics-text;version=0.0.1;q=0.75, text/plain;version=0.0.4;q=0.5,"
            + " */*;q=0.1 | OPENMETRICS",
        "text/plain;q=0.9, application/openmetrics-text;q=0.5 | PROMETHEUS_TEXT",
        "application/openmetrics-text;q=0 | PROMETHEUS_TEXT",
        "application/openmetrics-text;q=bogus | PROMETHEUS_TEXT",
        "application/*;q=0.8, text/*;q=0.2 | OPENMETRICS",
        "APPLICATION/OpenMetrics-Text | OPENMETRICS",
      })
  void choosesTheFormatTheClientPrefers(String accept, ExpositionFormat expected) {
    assertThat(ExpositionFormat.negotiate(accept)).isEqualTo(expected);
  }
}
