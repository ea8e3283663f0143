package dev.ownership.operator.suggest;

/** A namespaced object named by a workload's metadata, e.g. the Helm release that installed it. */
public record NamespacedName(String namespace, String name) {
  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
