package dev.ownership.operator.ownership;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides who owns a workload. Pure and thread-safe: the controller, the admission webhook and the
 * offline audit all call this one class, so they cannot disagree. The cost depends only on the
 * workload's own namespace: callers hand in that namespace's labels and claims.
 *
 * <p>Order: team label on the workload, then the oldest selecting ServiceOwnership, then the
 * namespace's {@code ownership.dev/team} label; otherwise unowned. A workload is in conflict when
 * the label and the selecting ServiceOwnerships do not all name the same team.
 */
public final class OwnerResolver {
  private final OwnerLabelKeys ownerLabelKeys;

  public OwnerResolver(OwnerLabelKeys ownerLabelKeys) {
    this.ownerLabelKeys = ownerLabelKeys;
  }

  public OwnerLabelKeys ownerLabelKeys() {
    return ownerLabelKeys;
  }

  public Resolution resolve(
      Workload workload, Map<String, String> namespaceLabels, NamespaceClaims claims) {
    return resolve(workload, namespaceLabels, claims, TeamRegistry.NONE);
  }

  /**
   * With the registry in use (INTERFACE §8) every team value is looked up: a name or alias becomes
   * the Team's name; an unknown one is reported, and in {@code enforce} it owns nothing, so
   * resolution falls through to the next rule.
   */
  public Resolution resolve(
      Workload workload,
      Map<String, String> namespaceLabels,
      NamespaceClaims claims,
      TeamRegistry teams) {
    Map<String, String> labels = workload.labels();
    boolean registry = teams.inUse();
    boolean enforced = teams.isEnforced();
    List<UnknownTeam> unknown = registry ? new ArrayList<>(0) : List.of();
    List<String> values = registry ? new ArrayList<>(2) : List.of();

    String labelTeam = null;
    String labelKey = null;
    // The value that owns the workload when unknown values are accepted (what warn resolves to).
    String firstValue = null;
    List<InvalidOwnerLabel> invalid = new ArrayList<>(0);
    for (String key : ownerLabelKeys.keys()) {
      String value = labels.get(key);
      if (value == null) continue;
      if (!Dns1123.isLabel(value)) {
        invalid.add(new InvalidOwnerLabel(key, value));
        continue;
      }
      if (registry) values.add(value);
      if (labelTeam != null) continue;
      if (firstValue == null) firstValue = value;
      Optional<String> canonical = teams.canonical(value);
      if (canonical.isEmpty()) {
        unknown.add(UnknownTeam.inLabel(key, value));
        if (enforced) continue;
      }
      labelTeam = canonical.orElse(value);
      labelKey = key;
    }

    List<OwnershipClaim> selecting = new ArrayList<>(0);
    List<String> selectingTeams = new ArrayList<>(0);
    for (OwnershipClaim claim : claims.inPrecedenceOrder()) {
      if (!claim.selects(labels)) continue;
      Optional<String> canonical = teams.canonical(claim.team());
      if (registry) values.add(claim.team());
      if (firstValue == null) firstValue = claim.team();
      if (canonical.isEmpty()) {
        unknown.add(UnknownTeam.inServiceOwnership(claim.name(), claim.team()));
        if (enforced) continue; // a ServiceOwnership naming an unknown team owns nothing
      }
      selecting.add(claim);
      selectingTeams.add(canonical.orElse(claim.team()));
    }
    List<String> selectingNames = selecting.stream().map(OwnershipClaim::name).toList();

    String namespaceTeam =
        namespaceLabels == null ? null : namespaceLabels.get(OwnershipKeys.NAMESPACE_TEAM_LABEL);
    if (registry && Dns1123.isLabel(namespaceTeam)) values.add(namespaceTeam);
    if (firstValue == null && Dns1123.isLabel(namespaceTeam)) firstValue = namespaceTeam;
    // Counted alike in warn and enforce: enforce changes what such a workload resolves to (it falls
    // through), not whether its own team data names a Team.
    boolean unregistered = registry && firstValue != null && teams.canonical(firstValue).isEmpty();

    if (labelTeam != null) {
      List<OwnershipConflict> conflicts = new ArrayList<>(0);
      for (int i = 0; i < selecting.size(); i++) {
        if (!selectingTeams.get(i).equals(labelTeam)) {
          conflicts.add(OwnershipConflict.labelOverrides(labelKey, labelTeam, selecting.get(i)));
        }
      }
      return new Resolution(
          conflicts.isEmpty() ? OwnershipStatus.OWNED : OwnershipStatus.CONFLICT,
          labelTeam,
          null,
          OwnerSource.label(labelKey),
          conflicts,
          invalid,
          selectingNames,
          unknown,
          values,
          unregistered);
    }

    if (!selecting.isEmpty()) {
      OwnershipClaim winner = selecting.get(0);
      String team = selectingTeams.get(0);
      List<OwnershipConflict> conflicts = new ArrayList<>(0);
      for (int i = 1; i < selecting.size(); i++) {
        if (!selectingTeams.get(i).equals(team)) {
          conflicts.add(
              OwnershipConflict.olderWins(
                  winner, selecting.get(i), whyFirst(winner, selecting.get(i))));
        }
      }
      return new Resolution(
          conflicts.isEmpty() ? OwnershipStatus.OWNED : OwnershipStatus.CONFLICT,
          team,
          winner.service(),
          OwnerSource.serviceOwnership(winner.name()),
          conflicts,
          invalid,
          selectingNames,
          unknown,
          values,
          unregistered);
    }

    if (Dns1123.isLabel(namespaceTeam)) {
      Optional<String> canonical = teams.canonical(namespaceTeam);
      if (canonical.isEmpty()) {
        unknown.add(UnknownTeam.inNamespaceLabel(namespaceTeam));
      }
      if (canonical.isPresent() || !enforced) {
        return new Resolution(
            OwnershipStatus.OWNED,
            canonical.orElse(namespaceTeam),
            null,
            OwnerSource.namespace(),
            List.of(),
            invalid,
            List.of(),
            unknown,
            values,
            unregistered);
      }
    }
    return new Resolution(
        OwnershipStatus.UNOWNED,
        null,
        null,
        null,
        List.of(),
        invalid,
        List.of(),
        unknown,
        values,
        unregistered);
  }

  /**
   * Manifests read offline have no creation time, and timestamps have one-second resolution: say
   * which rule decided.
   */
  private static String whyFirst(OwnershipClaim winner, OwnershipClaim other) {
    boolean older =
        winner.createdAt() != null
            && (other.createdAt() == null || winner.createdAt().isBefore(other.createdAt()));
    return older ? "is older" : "is as old (the first by name wins)";
  }
}
