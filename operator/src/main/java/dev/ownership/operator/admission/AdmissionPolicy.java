package dev.ownership.operator.admission;

import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.EnforcementRule;
import dev.ownership.operator.ownership.InvalidOwnerLabel;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.NamespaceDirectory;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.OwnershipKeys;
import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.UnknownTeam;
import dev.ownership.operator.ownership.UnownedAdvice;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.text.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admission rules of INTERFACE §4: what to answer for one review, given who would own the
 * workload. Pure: ownership comes from {@link OwnerResolver}, namespaces from the {@link
 * NamespaceDirectory}, modes from the {@link EnforcementRule}; no I/O, no clock, thread-safe.
 *
 * <p>{@link #judge} is the decision itself; the webhook reaches it through {@link #decide} and
 * {@code audit} calls it for every manifest, so a CI gate and the cluster cannot disagree.
 *
 * <p>With the Team registry in use (INTERFACE §8) the resolver looks every team value up (one map
 * read each); a value it does not know is warned about where a namespace complains ({@code
 * enforce}, {@code warn}) and, under {@code --team-registry enforce}, owns nothing, so the workload
 * is judged by whatever owns it next. ServiceOwnerships are judged by {@link
 * #judgeServiceOwnership}: only their {@code spec.team} against the registry.
 */
public final class AdmissionPolicy {
  private final OwnerResolver resolver;
  private final NamespaceDirectory directory;
  private final EnforcementRule enforcement;

  public AdmissionPolicy(
      OwnerResolver resolver, NamespaceDirectory directory, EnforcementRule enforcement) {
    this.resolver = resolver;
    this.directory = directory;
    this.enforcement = enforcement;
  }

  /** The mode used when a review fails before its namespace's mode is known. */
  public EnforcementMode defaultMode() {
    return enforcement.defaultMode();
  }

  /**
   * @throws BadReviewException when a review of a workload lacks what every real one carries
   *     (operation, namespace, object)
   */
  public Verdict decide(ReviewRequest request) throws BadReviewException {
    Optional<WorkloadKind> workloadKind = request.workloadKind();
    String namespace = request.effectiveNamespace();
    boolean serviceOwnership = workloadKind.isEmpty() && request.isServiceOwnership();
    if (serviceOwnership && request.isCreateOrUpdate()) return decideServiceOwnership(request);
    if (workloadKind.isEmpty() || !request.isCreateOrUpdate()) {
      if ((workloadKind.isPresent() || serviceOwnership)
          && (request.operation() == null || request.operation().isEmpty())) {
        throw new BadReviewException("request.operation is missing; expected CREATE or UPDATE");
      }
      // Not ours to judge (another kind, DELETE, CONNECT): allowed, counted under the namespace's
      // mode.
      return Verdict.allow(AdmissionDecision.ALLOWED, modeOf(namespace).mode());
    }
    WorkloadKind kind = workloadKind.get();
    if (request.object() == null) {
      throw new BadReviewException(
          "request.object is null; a "
              + request.operation()
              + " review of a "
              + kind.kind()
              + " must carry the object");
    }
    if (namespace.isEmpty()) {
      throw new BadReviewException(
          "request.namespace is missing; a " + kind.kind() + " is namespaced");
    }
    WorkloadRef ref = new WorkloadRef(kind, namespace, request.displayName());
    Workload workload = request.object().toWorkload(ref);
    Workload before =
        ReviewRequest.UPDATE.equals(request.operation()) && request.oldObject() != null
            ? request.oldObject().toWorkload(ref)
            : null;
    return judge(workload, before);
  }

  /**
   * The verdict for {@code workload} entering its namespace: a CREATE when {@code before} is null,
   * else an UPDATE from {@code before}.
   */
  public Verdict judge(Workload workload, Workload before) {
    WorkloadRef ref = workload.ref();
    String namespace = ref.namespace();
    Map<String, String> namespaceLabels = labelsOf(namespace);
    EnforcementRule.Choice choice = enforcement.of(namespace, namespaceLabels);
    EnforcementMode mode = choice.mode();
    if (choice.exempt()) return Verdict.allow(AdmissionDecision.EXEMPT, mode);
    if (mode == EnforcementMode.OFF) return Verdict.allow(AdmissionDecision.ALLOWED, mode);
    if (workload.isPartOfAnotherWorkload()) return Verdict.allow(AdmissionDecision.ALLOWED, mode);

    NamespaceClaims claims = claimsOf(namespace);
    TeamRegistry teams = teamsOf();
    Resolution now = resolver.resolve(workload, namespaceLabels, claims, teams);
    List<String> warnings = new ArrayList<>(2);
    if (choice.problem() != null) warnings.add(choice.problem());

    boolean complains = mode == EnforcementMode.ENFORCE || mode == EnforcementMode.WARN;
    boolean unowned = !now.isOwned();
    List<InvalidOwnerLabel> invalid = complains ? now.invalidLabels() : List.of();
    List<UnknownTeam> unknown = complains ? now.unknownTeams() : List.of();
    if (!unowned && invalid.isEmpty()) {
      if (complains && now.status() == OwnershipStatus.CONFLICT) {
        warnings.add(conflictMessage(ref, now));
      }
      if (unknown.isEmpty()) return Verdict.allow(AdmissionDecision.ALLOWED, mode, warnings);
      addUnknownTeams(warnings, ref.toString(), unknown, teams);
      return Verdict.allow(AdmissionDecision.WARNED, mode, warnings);
    }
    if (mode == EnforcementMode.AUDIT) {
      return Verdict.audit(
          mode,
          warnings,
          Map.of(OwnershipKeys.UNOWNED_AUDIT_ANNOTATION, ref.kind().kind() + "/" + ref.name()));
    }

    List<String> findings = new ArrayList<>(invalid.size() + unknown.size() + 1);
    for (InvalidOwnerLabel label : invalid) findings.add(ref + ": " + label.message() + ".");
    // Unowned because of an unknown team: the denial names the value and the closest Teams.
    addUnknownTeams(findings, ref.toString(), unknown, teams);
    if (unowned) findings.add(UnownedAdvice.message(ref, resolver.ownerLabelKeys(), claims));
    if (now.status() == OwnershipStatus.CONFLICT) warnings.add(conflictMessage(ref, now));

    if (mode == EnforcementMode.WARN) {
      warnings.addAll(findings);
      return Verdict.allow(AdmissionDecision.WARNED, mode, warnings);
    }
    if (before != null && isNoWorse(before, namespaceLabels, claims, teams, now)) {
      warnings.addAll(findings);
      warnings.add(
          "Allowed because "
              + ref
              + " already had "
              + (unowned ? "no owner" : "this label")
              + " before this update; namespace "
              + namespace
              + " enforces ownership, so fix it before the next change.");
      return Verdict.allow(AdmissionDecision.WARNED, mode, warnings);
    }
    return Verdict.deny(AdmissionDecision.DENIED, mode, 403, String.join(" ", findings), warnings);
  }

  private Verdict decideServiceOwnership(ReviewRequest request) throws BadReviewException {
    String what = ReviewedKind.SERVICE_OWNERSHIP_KIND;
    ReviewedObject object = request.object();
    if (object == null) {
      throw new BadReviewException(
          "request.object is null; a "
              + request.operation()
              + " review of a "
              + what
              + " must carry the object");
    }
    String namespace = request.effectiveNamespace();
    if (namespace.isEmpty())
      throw new BadReviewException("request.namespace is missing; a " + what + " is namespaced");
    if (object.teamProblem() != null) throw new BadReviewException(object.teamProblem());
    if (object.team() == null) {
      throw new BadReviewException(
          "request.object.spec.team is missing; a " + what + " names the team that owns it");
    }
    ReviewedObject old = request.oldObject();
    String before =
        ReviewRequest.UPDATE.equals(request.operation()) && old != null ? old.team() : null;
    return judgeServiceOwnership(namespace, request.displayName(), object.team(), before);
  }

  /**
   * The verdict for ServiceOwnership {@code name} naming {@code team}: a CREATE when {@code
   * beforeTeam} is null, else an UPDATE from a ServiceOwnership that named {@code beforeTeam}.
   *
   * <p>Only the registry is judged here (INTERFACE §8): a {@code spec.team} that names no Team is a
   * warning while the registry warns; while it is enforced such a ServiceOwnership would own
   * nothing, so an {@code enforce} namespace refuses it, a {@code warn} namespace warns and an
   * {@code audit} namespace records it. Everything else about the spec is the CRD schema's job.
   */
  public Verdict judgeServiceOwnership(
      String namespace, String name, String team, String beforeTeam) {
    Map<String, String> namespaceLabels = labelsOf(namespace);
    EnforcementRule.Choice choice = enforcement.of(namespace, namespaceLabels);
    EnforcementMode mode = choice.mode();
    if (choice.exempt()) return Verdict.allow(AdmissionDecision.EXEMPT, mode);
    if (mode == EnforcementMode.OFF) return Verdict.allow(AdmissionDecision.ALLOWED, mode);
    List<String> warnings = new ArrayList<>(2);
    if (choice.problem() != null) warnings.add(choice.problem());
    TeamRegistry teams = teamsOf();
    // One map read. An alias is fine: resolution maps it to the Team's name.
    if (teams.canonical(team).isPresent())
      return Verdict.allow(AdmissionDecision.ALLOWED, mode, warnings);

    String at = SafeText.of(namespace, 63) + "/" + SafeText.of(name, 253);
    String what = ReviewedKind.SERVICE_OWNERSHIP_KIND + " " + at;
    String finding = sentence(UnknownTeam.inServiceOwnership(at, team).message(teams));
    if (!teams.isEnforced()) {
      if (mode == EnforcementMode.AUDIT)
        return Verdict.allow(AdmissionDecision.ALLOWED, mode, warnings);
      warnings.add(finding + " " + OWNS_UNTIL_ENFORCED);
      return Verdict.allow(AdmissionDecision.WARNED, mode, warnings);
    }
    if (mode == EnforcementMode.AUDIT) {
      return Verdict.audit(
          mode,
          warnings,
          Map.of(
              UNKNOWN_TEAM_AUDIT_ANNOTATION,
              ReviewedKind.SERVICE_OWNERSHIP_KIND + "/" + SafeText.of(name, 253)));
    }
    String consequence = " The team registry is enforced, so this ServiceOwnership owns nothing.";
    if (mode == EnforcementMode.WARN) {
      warnings.add(finding + consequence);
      return Verdict.allow(AdmissionDecision.WARNED, mode, warnings);
    }
    if (beforeTeam != null && teams.canonical(beforeTeam).isEmpty()) {
      warnings.add(finding + consequence);
      warnings.add(
          "Allowed because "
              + what
              + " already named no registered Team before this update; namespace "
              + SafeText.of(namespace, 63)
              + " enforces ownership, so fix spec.team before the next change.");
      return Verdict.allow(AdmissionDecision.WARNED, mode, warnings);
    }
    return Verdict.deny(
        AdmissionDecision.DENIED,
        mode,
        403,
        finding
            + " Namespace "
            + SafeText.of(namespace, 63)
            + " enforces ownership and the team registry is enforced: set spec.team to the name"
            + " or an alias of a Team (kubectl get teams).",
        warnings);
  }

  /**
   * Audit annotation (shown as {@code workloads.ownership.dev/unknown-team}) on a ServiceOwnership
   * an {@code enforce} namespace would refuse.
   */
  static final String UNKNOWN_TEAM_AUDIT_ANNOTATION = "unknown-team";

  /** Why an unknown team is only a warning under {@code --team-registry warn}. */
  static final String OWNS_UNTIL_ENFORCED =
      "It still owns what it selects; once the team registry is enforced it will own nothing.";

  /** The mode a review in {@code namespace} is counted under (exempt namespaces are off). */
  public EnforcementRule.Choice modeOf(String namespace) {
    return enforcement.of(namespace, namespace.isEmpty() ? Map.of() : labelsOf(namespace));
  }

  /**
   * An UPDATE that leaves a workload no worse than it was is let through, so nobody is blocked from
   * an emergency fix to a legacy workload; an UPDATE that takes ownership away is judged like a
   * CREATE.
   */
  private boolean isNoWorse(
      Workload before,
      Map<String, String> namespaceLabels,
      NamespaceClaims claims,
      TeamRegistry teams,
      Resolution now) {
    Resolution was = resolver.resolve(before, namespaceLabels, claims, teams);
    boolean ownerWasMissing = now.isOwned() || !was.isOwned();
    return ownerWasMissing && was.invalidLabels().containsAll(now.invalidLabels());
  }

  /**
   * One line per unknown team value, at most {@link UnownedAdvice#MAX_LISTED_CLAIMS} (a workload
   * selected by many ServiceOwnerships naming unknown teams must not flood kubectl), then a count.
   */
  private static void addUnknownTeams(
      List<String> lines, String what, List<UnknownTeam> unknown, TeamRegistry teams) {
    if (unknown.isEmpty()) return;
    String consequence = teams.isEnforced() ? " " + NO_OWNER_WHILE_ENFORCED : "";
    int listed = Math.min(unknown.size(), UnownedAdvice.MAX_LISTED_CLAIMS);
    for (int i = 0; i < listed; i++) {
      lines.add(what + ": " + sentence(unknown.get(i).message(teams)) + consequence);
    }
    if (unknown.size() > listed) {
      lines.add(
          what + ": and " + (unknown.size() - listed) + " more team values are not registered.");
    }
  }

  /** "did you mean payments?" ends a sentence; "no registered team is close" needs its period. */
  private static String sentence(String text) {
    return text.endsWith("?") || text.endsWith(".") ? text : text + ".";
  }

  /** Why an unknown team changes the outcome under {@code --team-registry enforce}. */
  static final String NO_OWNER_WHILE_ENFORCED =
      "The team registry is enforced, so this value owns nothing.";

  private static String conflictMessage(WorkloadRef ref, Resolution resolution) {
    return ref
        + " is owned by team "
        + resolution.team()
        + ", but its owners disagree: "
        + resolution.conflictSummary()
        + ".";
  }

  private TeamRegistry teamsOf() {
    TeamRegistry teams = directory.teams();
    return teams == null ? TeamRegistry.NONE : teams;
  }

  private Map<String, String> labelsOf(String namespace) {
    Map<String, String> labels = directory.labels(namespace);
    return labels == null ? Map.of() : labels;
  }

  private NamespaceClaims claimsOf(String namespace) {
    NamespaceClaims claims = directory.claims(namespace);
    return claims == null ? NamespaceClaims.NONE : claims;
  }
}
