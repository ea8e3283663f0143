package dev.ownership.operator.ownership;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The label keys that declare a team on a workload, in the order they are tried. */
public record OwnerLabelKeys(List<String> keys) {
  public static final OwnerLabelKeys DEFAULT =
      new OwnerLabelKeys(OwnershipKeys.DEFAULT_OWNER_LABEL_KEYS);

  public OwnerLabelKeys {
    if (keys == null || keys.isEmpty())
      throw new IllegalArgumentException("at least one owner label key is needed");
    List<String> problems = new ArrayList<>();
    for (String key : keys) {
      String problem = LabelSyntax.keyProblem(key);
      if (problem != null) problems.add(problem);
    }
    if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
    keys = List.copyOf(new LinkedHashSet<>(keys));
  }

  /** Parses a comma-separated list such as {@code ownership.dev/team,team,owner}. */
  public static OwnerLabelKeys parse(String commaSeparated) {
    List<String> keys = new ArrayList<>();
    for (String part : commaSeparated.split(",")) {
      if (!part.isBlank()) keys.add(part.trim());
    }
    return new OwnerLabelKeys(keys);
  }

  public String first() {
    return keys.get(0);
  }
}
