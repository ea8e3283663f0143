package dev.ownership.operator.ownership;

import dev.ownership.operator.text.SafeText;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A label selector checked once and then evaluated many times. Semantics are those of
 * metav1.LabelSelector: every matchLabels pair and every expression must hold; {} matches all.
 */
public final class LabelSelectorMatcher {
  private final Map<String, String> matchLabels;
  private final List<Requirement> requirements;

  private LabelSelectorMatcher(Map<String, String> matchLabels, List<Requirement> requirements) {
    this.matchLabels = matchLabels;
    this.requirements = requirements;
  }

  public static LabelSelectorMatcher compile(LabelSelector selector)
      throws InvalidSelectorException {
    if (selector == null)
      throw new InvalidSelectorException(
          "spec.selector is required (use {} to select every workload in the namespace)");
    Map<String, String> labels = new TreeMap<>();
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        String problem = LabelSyntax.keyProblem(e.getKey());
        if (problem == null) problem = LabelSyntax.valueProblem(e.getValue());
        if (problem != null)
          throw new InvalidSelectorException("spec.selector.matchLabels: " + problem);
        labels.put(e.getKey(), e.getValue());
      }
    }
    List<Requirement> requirements = new ArrayList<>();
    List<LabelSelectorRequirement> expressions =
        selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    for (int i = 0; i < expressions.size(); i++) {
      requirements.add(
          Requirement.compile(expressions.get(i), "spec.selector.matchExpressions[" + i + "]"));
    }
    return new LabelSelectorMatcher(Map.copyOf(labels), List.copyOf(requirements));
  }

  public boolean matches(Map<String, String> labels) {
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) return false;
    }
    for (Requirement r : requirements) {
      if (!r.matches(labels)) return false;
    }
    return true;
  }

  /**
   * Every value the selector names, per key: a matchLabels pair's value and an {@code In}
   * expression's values. For hints that compare names with a selector; not a matching rule.
   */
  public Map<String, SortedSet<String>> namedValues() {
    Map<String, SortedSet<String>> named = new TreeMap<>();
    matchLabels.forEach((k, v) -> named.computeIfAbsent(k, key -> new TreeSet<>()).add(v));
    for (Requirement r : requirements) {
      if (r.operator == Operator.IN) {
        named.computeIfAbsent(r.key, key -> new TreeSet<>()).addAll(r.values);
      }
    }
    named.replaceAll((k, values) -> Collections.unmodifiableSortedSet(values));
    return Collections.unmodifiableMap(named);
  }

  /**
   * The requirements {@code labels} does not meet, written as {@link #describe()} writes them;
   * empty when the selector matches. Tells people which labels a workload lacks.
   */
  public List<String> unmet(Map<String, String> labels) {
    List<String> unmet = new ArrayList<>();
    new TreeMap<>(matchLabels)
        .forEach(
            (key, value) -> {
              if (!value.equals(labels.get(key))) unmet.add(key + "=" + value);
            });
    for (Requirement r : requirements) {
      if (!r.matches(labels)) unmet.add(r.describe());
    }
    return unmet;
  }

  /** How many requirements the selector has: matchLabels pairs and expressions. */
  public int size() {
    return matchLabels.size() + requirements.size();
  }

  public boolean selectsEverything() {
    return matchLabels.isEmpty() && requirements.isEmpty();
  }

  /** kubectl-style text, e.g. {@code app=checkout,tier in (web,api)}; {@code <all>} for {}. */
  public String describe() {
    if (selectsEverything()) return "<all>";
    List<String> parts = new ArrayList<>();
    matchLabels.forEach((k, v) -> parts.add(k + "=" + v));
    requirements.forEach(r -> parts.add(r.describe()));
    return String.join(",", parts);
  }

  private record Requirement(String key, Operator operator, Set<String> values) {
    static Requirement compile(LabelSelectorRequirement expression, String path)
        throws InvalidSelectorException {
      String keyProblem = LabelSyntax.keyProblem(expression.getKey());
      if (keyProblem != null) throw new InvalidSelectorException(path + ".key: " + keyProblem);
      Operator op = Operator.parse(expression.getOperator());
      if (op == null) {
        throw new InvalidSelectorException(
            path
                + ".operator: '"
                + SafeText.of(expression.getOperator(), SafeText.QUOTE_LIMIT)
                + "' is not a selector operator; use one of In, NotIn, Exists, DoesNotExist");
      }
      List<String> values = expression.getValues() == null ? List.of() : expression.getValues();
      if ((op == Operator.IN || op == Operator.NOT_IN) && values.isEmpty()) {
        throw new InvalidSelectorException(
            path + ".values: operator " + op.wire + " needs at least one value");
      }
      if ((op == Operator.EXISTS || op == Operator.DOES_NOT_EXIST) && !values.isEmpty()) {
        throw new InvalidSelectorException(
            path + ".values: operator " + op.wire + " takes no values; remove them");
      }
      for (String v : values) {
        String problem = LabelSyntax.valueProblem(v);
        if (problem != null) throw new InvalidSelectorException(path + ".values: " + problem);
      }
      return new Requirement(expression.getKey(), op, Set.copyOf(values));
    }

    boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case IN -> value != null && values.contains(value);
        case NOT_IN -> value == null || !values.contains(value);
        case EXISTS -> value != null;
        case DOES_NOT_EXIST -> value == null;
      };
    }

    String describe() {
      return switch (operator) {
        case IN -> key + " in (" + String.join(",", new java.util.TreeSet<>(values)) + ")";
        case NOT_IN -> key + " notin (" + String.join(",", new java.util.TreeSet<>(values)) + ")";
        case EXISTS -> key;
        case DOES_NOT_EXIST -> "!" + key;
      };
    }
  }

  private enum Operator {
    IN("In"),
    NOT_IN("NotIn"),
    EXISTS("Exists"),
    DOES_NOT_EXIST("DoesNotExist");

    final String wire;

    Operator(String wire) {
      this.wire = wire;
    }

    static Operator parse(String text) {
      for (Operator op : values()) {
        if (op.wire.equals(text)) return op;
      }
      return null;
    }
  }
}
