package dev.ownership.operator.audit;

import dev.ownership.operator.ownership.InvalidOwnerLabel;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnershipClaim;
import dev.ownership.operator.ownership.OwnershipConflict;
import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.UnknownTeam;
import dev.ownership.operator.ownership.UnownedAdvice;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.text.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The findings of one resolved workload, each with a hint that says what to change. */
final class Findings {
  private Findings() {}

  static List<Finding> of(
      ManifestInventory.WorkloadManifest manifest,
      Resolution resolution,
      OwnerLabelKeys keys,
      ManifestInventory inventory) {
    Workload workload = manifest.workload();
    WorkloadRef ref = workload.ref();
    NamespaceClaims claims = inventory.claims(ref.namespace());
    List<Finding> findings = new ArrayList<>();
    for (InvalidOwnerLabel label : resolution.invalidLabels()) {
      findings.add(
          new Finding(
              FindingRule.INVALID_OWNER_LABEL,
              ref + ": " + label.message(),
              "give " + label.key() + " a team name, e.g. " + label.key() + "=" + teamLike(label),
              labelOrigin(manifest, label.key())));
    }
    if (resolution.status() == OwnershipStatus.UNOWNED) {
      findings.add(
          new Finding(
              FindingRule.UNOWNED,
              UnownedAdvice.message(ref, keys, claims),
              unownedHint(workload, keys, claims),
              manifest.origin()));
    }
    TeamRegistry teams = inventory.teams();
    for (UnknownTeam unknown : resolution.unknownTeams()) {
      findings.add(
          new Finding(
              FindingRule.UNKNOWN_TEAM,
              ref + ": " + unknown.message(teams),
              unknownTeamHint(unknown, teams),
              unknownTeamOrigin(manifest, unknown, inventory)));
    }
    for (OwnershipConflict conflict : resolution.conflicts()) {
      findings.add(
          new Finding(
              FindingRule.CONFLICT,
              ref + ": " + conflict.message(),
              conflictHint(conflict),
              manifest.origin()));
    }
    return findings;
  }

  private static String unownedHint(
      Workload workload, OwnerLabelKeys keys, NamespaceClaims claims) {
    String namespace = SafeText.of(workload.ref().namespace(), 63);
    String label = "add label " + keys.first() + "=<team> to its metadata.labels";
    OwnershipClaim nearest = null;
    List<String> nearestUnmet = List.of();
    for (OwnershipClaim claim : claims.inPrecedenceOrder()) {
      List<String> unmet = claim.selector().unmet(workload.labels());
      if (unmet.isEmpty()) continue;
      if (nearest == null || unmet.size() < nearestUnmet.size()) {
        nearest = claim;
        nearestUnmet = unmet;
      }
    }
    if (nearest == null) {
      return label
          + ", or label namespace "
          + namespace
          + " ownership.dev/team=<team>, or add a ServiceOwnership in "
          + namespace
          + " that selects it";
    }
    return "ServiceOwnership "
        + SafeText.of(nearest.name(), 253)
        + " (team "
        + nearest.team()
        + ") would select it if it had "
        + SafeText.of(String.join(",", nearestUnmet), UnownedAdvice.MAX_LISTED_CLAIMS * 40)
        + " ("
        + nearestUnmet.size()
        + " of "
        + nearest.selector().size()
        + " requirements unmet); or "
        + label;
  }

  /**
   * Name a registered Team (the closest, when one is), or register the team; under {@code enforce}
   * also say that the value counts for nothing until then.
   */
  static String unknownTeamHint(UnknownTeam unknown, TeamRegistry teams) {
    List<String> close = teams.closest(unknown.value());
    String value = SafeText.of(unknown.value(), 63);
    String fix =
        close.isEmpty()
            ? "name a registered Team, or add a Team named " + value + " (kind: Team)"
            : "write " + close.get(0) + " instead, or add a Team named " + value + " (kind: Team)";
    if (!teams.isEnforced()) return fix;
    return fix + "; the registry is enforced, so until then " + unknown.where() + " owns nothing";
  }

  /** The line that writes the value: the label, the ServiceOwnership's spec.team, the namespace. */
  private static DocumentOrigin unknownTeamOrigin(
      ManifestInventory.WorkloadManifest manifest,
      UnknownTeam unknown,
      ManifestInventory inventory) {
    String where = unknown.where();
    String namespace = manifest.workload().ref().namespace();
    DocumentOrigin origin = null;
    if (where.startsWith("label "))
      return labelOrigin(manifest, where.substring("label ".length()));
    if (unknown.fromServiceOwnership()) {
      origin = inventory.claimTeamOrigin(namespace, where.substring("ServiceOwnership ".length()));
    } else if (where.startsWith("namespace label ")) {
      origin = inventory.namespaceTeamOrigin(namespace);
    }
    return origin == null ? manifest.origin() : origin;
  }

  private static String conflictHint(OwnershipConflict conflict) {
    String overruled = "ServiceOwnership " + SafeText.of(conflict.overruledClaim(), 253);
    return switch (conflict.reason()) {
      case TeamLabelOverridesServiceOwnership ->
          "the label wins; if "
              + overruled
              + " (team "
              + conflict.overruledTeam()
              + ") is right, remove label "
              + SafeText.of(conflict.winner(), 253)
              + ", else narrow the selector of "
              + overruled
              + " so that it no longer selects this workload";
      case OlderServiceOwnershipWins ->
          "narrow the selector of "
              + overruled
              + " or of ServiceOwnership "
              + SafeText.of(conflict.winner(), 253)
              + " so that only one selects this workload";
    };
  }

  /** The offending label's own line: on the workload, else on its pod template. */
  private static DocumentOrigin labelOrigin(
      ManifestInventory.WorkloadManifest manifest, String key) {
    List<String> template = new ArrayList<>(manifest.workload().ref().kind().podTemplatePath());
    template.addAll(List.of("metadata", "labels", key));
    for (String pointer :
        List.of(
            SourceLines.pointer("metadata", "labels", key),
            SourceLines.pointer(template.toArray(String[]::new)))) {
      if (manifest.lines().has(pointer))
        return manifest.origin().atLine(manifest.lines().line(pointer));
    }
    return manifest.origin();
  }

  /** A team name close to what was written: lower case, '-' for anything else. */
  static String teamLike(InvalidOwnerLabel label) {
    String team =
        label
            .value()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9-]+", "-")
            .replaceAll("^-+|-+$", "");
    if (team.length() > 63) team = team.substring(0, 63).replaceAll("-+$", "");
    return team.isEmpty() ? "<team>" : team;
  }
}
