package dev.ownership.operator.suggest;

import dev.ownership.operator.ownership.WorkloadRef;
import java.util.Comparator;

/**
 * What a signal ties an unowned workload to: an owned workload or a ServiceOwnership, with the team
 * (canonical when the registry is in use).
 *
 * @param kind a workload kind, or {@code ServiceOwnership}
 */
public record Anchor(String kind, String namespace, String name, String team) {
  public static final String SERVICE_OWNERSHIP = "ServiceOwnership";

  static final Comparator<Anchor> ORDER =
      Comparator.comparing(Anchor::namespace)
          .thenComparing(Anchor::kind)
          .thenComparing(Anchor::name)
          .thenComparing(Anchor::team);

  static Anchor workload(WorkloadRef ref, String team) {
    return new Anchor(ref.kind().kind(), ref.namespace(), ref.name(), team);
  }

  static Anchor serviceOwnership(String namespace, String name, String team) {
    return new Anchor(SERVICE_OWNERSHIP, namespace, name, team);
  }

  /** e.g. {@code Deployment shop/cart}, bounded and escaped for messages. */
  String shown() {
    return kind + " " + Shown.plain(namespace) + "/" + Shown.plain(name);
  }
}
