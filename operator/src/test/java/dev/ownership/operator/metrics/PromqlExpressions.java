package dev.ownership.operator.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every PromQL expression of the Grafana dashboard and the rules file, ready to send to Prometheus.
 */
final class PromqlExpressions {
  /** Where an expression comes from (panel title, rule name) and the PromQL itself. */
  record Expression(String origin, String promql) {
    @Override
    public String toString() {
      return origin + ": " + promql;
    }
  }

  private static final Pattern LABEL_VALUES =
      Pattern.compile("^label_values\\((.+),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\)$");

  private static final Pattern NAME =
      Pattern.compile(
          "\\b([a-z_]+:[a-z0-9_]+:[a-z0-9_]+|(?:ownership|operator_sdk|jvm|process|up)\\w*)\\b");

  private PromqlExpressions() {}

  static List<Expression> dashboard(Path file) throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
    List<Expression> expressions = new ArrayList<>();
    collectPanels(dashboard.path("panels"), expressions);
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (!"query".equals(variable.path("type").asText())) continue;
      JsonNode query = variable.path("query");
      String text = query.isObject() ? query.path("query").asText() : query.asText();
      // Grafana's label_values(expr, label) is not PromQL: the series behind it are.
      Matcher m = LABEL_VALUES.matcher(text.trim());
      expressions.add(
          new Expression(
              "variable " + variable.path("name").asText(), m.matches() ? m.group(1) : text));
    }
    return expressions;
  }

  private static void collectPanels(JsonNode panels, List<Expression> into) {
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        if (target.hasNonNull("expr")) {
          into.add(
              new Expression(
                  "panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                  target.get("expr").asText()));
        }
      }
      collectPanels(panel.path("panels"), into);
    }
  }

  static List<Expression> rules(Path file) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    List<Expression> expressions = new ArrayList<>();
    for (JsonNode group : root.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String name =
            rule.has("alert")
                ? "alert " + rule.get("alert").asText()
                : "record " + rule.path("record").asText();
        expressions.add(new Expression(name, rule.path("expr").asText()));
      }
    }
    return expressions;
  }

  /** Names recorded by the rules file. */
  static Set<String> recordedNames(Path file) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode group : root.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.has("record")) names.add(rule.get("record").asText());
      }
    }
    return names;
  }

  /**
   * Grafana's variables replaced by values Prometheus accepts: every multi-value variable matches
   * all ({@code .+}), intervals become one minute.
   */
  static String resolveVariables(String promql) {
    return promql
        .replace("$__rate_interval", "1m")
        .replace("$__interval", "1m")
        .replace("$__range", "1h")
        .replaceAll("\\$\\{?[a-zA-Z_][a-zA-Z0-9_]*}?", ".+");
  }

  /**
   * Metric names an expression selects: every recorded (level:metric:operation), ownership_,
   * operator_sdk_ or jvm_ name.
   */
  static Set<String> metricNames(String promql) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = NAME.matcher(promql.replaceAll("\"[^\"]*\"", "\"\""));
    while (m.find()) names.add(m.group(1));
    return names;
  }
}
