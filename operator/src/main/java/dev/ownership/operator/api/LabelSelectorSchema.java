package dev.ownership.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * The CRD schema of {@code spec.selector}: a metav1.LabelSelector with bounds, so that the API
 * server refuses a ServiceOwnership whose selector would make every resolution (and every log line
 * and message that shows it) large. The Java model stays fabric8's {@code LabelSelector}; this
 * class only describes the schema.
 */
public class LabelSelectorSchema {
  /** More than any real selector needs; every workload of the namespace is matched against it. */
  public static final int MAX_REQUIREMENTS = 32;

  public static final int MAX_VALUES = 64;

  @Size(max = MAX_REQUIREMENTS)
  @ValidationRule(
      value = "self.all(k, size(k) <= 317 && size(self[k]) <= 63)",
      message = "matchLabels keys are at most 317 characters and values at most 63")
  @JsonPropertyDescription("Labels a workload must carry with exactly these values.")
  private Map<String, String> matchLabels;

  @Size(max = MAX_REQUIREMENTS)
  @JsonPropertyDescription("Requirements a workload's labels must all meet.")
  private List<Requirement> matchExpressions;

  public Map<String, String> getMatchLabels() {
    return matchLabels;
  }

  public List<Requirement> getMatchExpressions() {
    return matchExpressions;
  }

  /** One matchExpressions entry. */
  public static class Requirement {
    @Required
    @Size(min = 1, max = 317)
    private String key;

    @Required
    @Size(min = 1, max = 16)
    @JsonPropertyDescription("In, NotIn, Exists or DoesNotExist.")
    private String operator;

    @Size(max = MAX_VALUES)
    @ValidationRule(
        value = "self.all(v, size(v) <= 63)",
        message = "values are at most 63 characters")
    private List<String> values;

    public String getKey() {
      return key;
    }

    public String getOperator() {
      return operator;
    }

    public List<String> getValues() {
      return values;
    }
  }
}
