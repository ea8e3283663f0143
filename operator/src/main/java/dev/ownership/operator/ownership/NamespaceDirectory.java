package dev.ownership.operator.ownership;

import java.util.Map;

/**
 * Looks up what resolution needs to know about one namespace. The controller answers from its
 * informer caches, the audit command from the manifests it read, tests from maps.
 */
public interface NamespaceDirectory {
  /** The namespace's labels; empty when the namespace is unknown. */
  Map<String, String> labels(String namespace);

  /** The usable ServiceOwnerships of the namespace. */
  NamespaceClaims claims(String namespace);

  /** The registry of Teams (INTERFACE §8); {@link TeamRegistry#NONE} where there is none. */
  default TeamRegistry teams() {
    return TeamRegistry.NONE;
  }
}
