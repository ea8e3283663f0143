package dev.ownership.operator.ownership;

import dev.ownership.operator.text.SafeText;
import java.util.Comparator;
import java.util.Objects;

/** Identity of one workload: kind, namespace and name. */
public record WorkloadRef(WorkloadKind kind, String namespace, String name)
    implements Comparable<WorkloadRef> {
  private static final Comparator<WorkloadRef> ORDER =
      Comparator.comparing(WorkloadRef::namespace)
          .thenComparing(r -> r.kind().kind())
          .thenComparing(WorkloadRef::name);

  public WorkloadRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  @Override
  public int compareTo(WorkloadRef other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return kind.kind() + " " + SafeText.of(namespace, 63) + "/" + SafeText.of(name, 253);
  }
}
