package dev.ownership.operator.admission;

import dev.ownership.operator.api.Team;
import dev.ownership.operator.ownership.InvalidSelectorException;
import dev.ownership.operator.ownership.LabelSelectorMatcher;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.NamespaceDirectory;
import dev.ownership.operator.ownership.OwnershipClaim;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.testing.Manifests;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A NamespaceDirectory held in maps, as the controller's caches would hold it. */
final class InMemoryNamespaces implements NamespaceDirectory {
  private final Map<String, Map<String, String>> labels = new ConcurrentHashMap<>();
  private final Map<String, List<OwnershipClaim>> claims = new ConcurrentHashMap<>();
  private Instant clock = Instant.parse("2024-01-01T00:00:00Z");
  private volatile TeamRegistry teams = TeamRegistry.NONE;

  /**
   * The registry in {@code mode} over Teams named as given ({@code "payments:pay"} adds alias pay).
   */
  InMemoryNamespaces teams(TeamRegistryMode mode, String... namesAndAliases) {
    List<Team> list = new ArrayList<>();
    for (String entry : namesAndAliases) {
      String[] parts = entry.split(":");
      list.add(Manifests.team(parts[0], java.util.Arrays.copyOfRange(parts, 1, parts.length)));
    }
    teams = TeamRegistry.of(list, mode);
    return this;
  }

  InMemoryNamespaces namespace(String name, String... keyValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) map.put(keyValues[i], keyValues[i + 1]);
    labels.put(name, Map.copyOf(map));
    return this;
  }

  /** A ServiceOwnership selecting matchLabels; each call is one minute younger than the last. */
  InMemoryNamespaces serviceOwnership(
      String namespace, String name, String team, Map<String, String> matchLabels) {
    LabelSelector selector = new LabelSelector();
    selector.setMatchLabels(matchLabels);
    return serviceOwnership(namespace, name, team, selector);
  }

  InMemoryNamespaces serviceOwnership(
      String namespace, String name, String team, LabelSelector selector) {
    clock = clock.plusSeconds(60);
    try {
      claims
          .computeIfAbsent(namespace, n -> new ArrayList<>())
          .add(
              new OwnershipClaim(
                  namespace, name, team, name, clock, LabelSelectorMatcher.compile(selector)));
    } catch (InvalidSelectorException e) {
      throw new IllegalArgumentException(e);
    }
    return this;
  }

  @Override
  public Map<String, String> labels(String namespace) {
    return labels.getOrDefault(namespace, Map.of());
  }

  @Override
  public TeamRegistry teams() {
    return teams;
  }

  @Override
  public NamespaceClaims claims(String namespace) {
    List<OwnershipClaim> list = claims.get(namespace);
    return list == null ? NamespaceClaims.NONE : NamespaceClaims.of(list);
  }
}
