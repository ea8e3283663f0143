package dev.ownership.operator.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The samples of a Prometheus text exposition, parsed just enough for assertions. */
final class PrometheusSamples {
  record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\S+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  private final List<Sample> samples;

  private PrometheusSamples(List<Sample> samples) {
    this.samples = samples;
  }

  static PrometheusSamples parse(String exposition) {
    List<Sample> samples = new ArrayList<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      Matcher m = LINE.matcher(line);
      if (!m.matches()) throw new IllegalArgumentException("not a sample line: " + line);
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) labels.put(l.group(1), l.group(2));
      }
      samples.add(
          new Sample(
              m.group(1), labels, Double.parseDouble(m.group(4).replace("+Inf", "Infinity"))));
    }
    return new PrometheusSamples(samples);
  }

  /** Samples of {@code name} whose labels include every pair of {@code labels}. */
  List<Sample> named(String name, String... labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && hasAll(s.labels(), labels))
        .toList();
  }

  /** The one value of {@code name} with these labels; empty when there is no such series. */
  Optional<Double> value(String name, String... labels) {
    List<Sample> found = named(name, labels);
    if (found.size() > 1)
      throw new AssertionError(
          "several series match " + name + " " + List.of(labels) + ": " + found);
    return found.stream().findFirst().map(Sample::value);
  }

  /**
   * Every series of {@code name}, keyed by its labels rendered as {@code k=v,...} in exposition
   * order.
   */
  Map<String, Double> series(String name) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .collect(
            Collectors.toMap(
                s ->
                    s.labels().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(",")),
                Sample::value,
                (a, b) -> {
                  throw new AssertionError("duplicate series of " + name);
                },
                LinkedHashMap::new));
  }

  List<Sample> all() {
    return samples;
  }

  private static boolean hasAll(Map<String, String> actual, String... labels) {
    for (int i = 0; i + 1 < labels.length; i += 2) {
      if (!labels[i + 1].equals(actual.get(labels[i]))) return false;
    }
    return true;
  }
}
