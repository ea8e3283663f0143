package dev.ownership.operator.ownership;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    Map<String, String> labels = workload.labels();

    String labelTeam = null;
    String labelKey = null;
    List<InvalidOwnerLabel> invalid = new ArrayList<>(0);
    for (String key : ownerLabelKeys.keys()) {
      String value = labels.get(key);
      if (value == null) continue;
      if (!Dns1123.isLabel(value)) {
        invalid.add(new InvalidOwnerLabel(key, value));
      } else if (labelTeam == null) {
        labelTeam = value;
        labelKey = key;
      }
    }

    List<OwnershipClaim> selecting = new ArrayList<>(0);
    for (OwnershipClaim claim : claims.inPrecedenceOrder()) {
      if (claim.selects(labels)) selecting.add(claim);
    }
    List<String> selectingNames = selecting.stream().map(OwnershipClaim::name).toList();

    if (labelTeam != null) {
      List<OwnershipConflict> conflicts = new ArrayList<>(0);
      for (OwnershipClaim claim : selecting) {
        if (!claim.team().equals(labelTeam)) {
          conflicts.add(OwnershipConflict.labelOverrides(labelKey, labelTeam, claim));
        }
      }
      return new Resolution(
          conflicts.isEmpty() ? OwnershipStatus.OWNED : OwnershipStatus.CONFLICT,
          labelTeam,
          null,
          OwnerSource.label(labelKey),
          conflicts,
          invalid,
          selectingNames);
    }

    if (!selecting.isEmpty()) {
      OwnershipClaim winner = selecting.get(0);
      List<OwnershipConflict> conflicts = new ArrayList<>(0);
      for (OwnershipClaim claim : selecting.subList(1, selecting.size())) {
        if (!claim.team().equals(winner.team())) {
          conflicts.add(OwnershipConflict.olderWins(winner, claim, whyFirst(winner, claim)));
        }
      }
      return new Resolution(
          conflicts.isEmpty() ? OwnershipStatus.OWNED : OwnershipStatus.CONFLICT,
          winner.team(),
          winner.service(),
          OwnerSource.serviceOwnership(winner.name()),
          conflicts,
          invalid,
          selectingNames);
    }

    String namespaceTeam =
        namespaceLabels == null ? null : namespaceLabels.get(OwnershipKeys.NAMESPACE_TEAM_LABEL);
    if (Dns1123.isLabel(namespaceTeam)) {
      return new Resolution(
          OwnershipStatus.OWNED,
          namespaceTeam,
          null,
          OwnerSource.namespace(),
          List.of(),
          invalid,
          List.of());
    }
    return new Resolution(OwnershipStatus.UNOWNED, null, null, null, List.of(), invalid, List.of());
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
