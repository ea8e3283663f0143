package dev.ownership.operator.metrics;

import java.util.Locale;

/**
 * The two text formats {@code /metrics} speaks, chosen from the Accept header by quality value:
 * OpenMetrics only when the client prefers it over the Prometheus text format (Prometheus itself
 * does), the classic text format otherwise, including for a missing header or {@code *}{@code /*}.
 */
enum ExpositionFormat {
  PROMETHEUS_TEXT("text/plain; version=0.0.4; charset=utf-8"),
  OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

  private final String contentType;

  ExpositionFormat(String contentType) {
    this.contentType = contentType;
  }

  String contentType() {
    return contentType;
  }

  static ExpositionFormat negotiate(String accept) {
    if (accept == null || accept.isBlank()) return PROMETHEUS_TEXT;
    double openMetrics = quality(accept, "application", "openmetrics-text");
    double text = quality(accept, "text", "plain");
    return openMetrics > 0 && openMetrics > text ? OPENMETRICS : PROMETHEUS_TEXT;
  }

  /** The q of the most specific media range that covers type/subtype; 0 when none does. */
  private static double quality(String accept, String type, String subtype) {
    int bestSpecificity = -1;
    double best = 0;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String media = parts[0].trim().toLowerCase(Locale.ROOT);
      int specificity;
      if (media.equals(type + "/" + subtype)) specificity = 2;
      else if (media.equals(type + "/*")) specificity = 1;
      else if (media.equals("*/*")) specificity = 0;
      else continue;
      if (specificity > bestSpecificity) {
        bestSpecificity = specificity;
        best = q(parts);
      }
    }
    return best;
  }

  private static double q(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim();
      if (parameter.startsWith("q=")) {
        try {
          return Double.parseDouble(parameter.substring(2).trim());
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
