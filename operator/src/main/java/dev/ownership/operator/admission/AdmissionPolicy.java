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
import dev.ownership.operator.ownership.UnownedAdvice;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadRef;
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
    if (workloadKind.isEmpty() || !request.isCreateOrUpdate()) {
      if (workloadKind.isPresent()
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
    Resolution now = resolver.resolve(workload, namespaceLabels, claims);
    List<String> warnings = new ArrayList<>(2);
    if (choice.problem() != null) warnings.add(choice.problem());

    boolean complains = mode == EnforcementMode.ENFORCE || mode == EnforcementMode.WARN;
    boolean unowned = !now.isOwned();
    List<InvalidOwnerLabel> invalid = complains ? now.invalidLabels() : List.of();
    if (!unowned && invalid.isEmpty()) {
      if (complains && now.status() == OwnershipStatus.CONFLICT) {
        warnings.add(conflictMessage(ref, now));
      }
      return Verdict.allow(AdmissionDecision.ALLOWED, mode, warnings);
    }
    if (mode == EnforcementMode.AUDIT) {
      return Verdict.audit(
          mode,
          warnings,
          Map.of(OwnershipKeys.UNOWNED_AUDIT_ANNOTATION, ref.kind().kind() + "/" + ref.name()));
    }

    List<String> findings = new ArrayList<>(invalid.size() + 1);
    for (InvalidOwnerLabel label : invalid) findings.add(ref + ": " + label.message() + ".");
    if (unowned) findings.add(UnownedAdvice.message(ref, resolver.ownerLabelKeys(), claims));
    if (now.status() == OwnershipStatus.CONFLICT) warnings.add(conflictMessage(ref, now));

    if (mode == EnforcementMode.WARN) {
      warnings.addAll(findings);
      return Verdict.allow(AdmissionDecision.WARNED, mode, warnings);
    }
    if (before != null && isNoWorse(before, namespaceLabels, claims, now)) {
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
      Resolution now) {
    Resolution was = resolver.resolve(before, namespaceLabels, claims);
    boolean ownerWasMissing = now.isOwned() || !was.isOwned();
    return ownerWasMissing && was.invalidLabels().containsAll(now.invalidLabels());
  }

  private static String conflictMessage(WorkloadRef ref, Resolution resolution) {
    return ref
        + " is owned by team "
        + resolution.team()
        + ", but its owners disagree: "
        + resolution.conflictSummary()
        + ".";
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
