package dev.ownership.operator.admission;

import dev.ownership.operator.config.EnforcementMode;
import dev.ownership.operator.config.OperatorSettings;
import dev.ownership.operator.ownership.InvalidOwnerLabel;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.NamespaceDirectory;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.OwnershipClaim;
import dev.ownership.operator.ownership.OwnershipKeys;
import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.Resolution;
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
 * NamespaceDirectory}; no I/O, no clock, thread-safe.
 */
public final class AdmissionPolicy {
  /** Enough ServiceOwnerships to point the way without turning the message into a listing. */
  static final int MAX_LISTED_CLAIMS = 5;

  private final OwnerResolver resolver;
  private final NamespaceDirectory directory;
  private final OperatorSettings settings;

  public AdmissionPolicy(
      OwnerResolver resolver, NamespaceDirectory directory, OperatorSettings settings) {
    this.resolver = resolver;
    this.directory = directory;
    this.settings = settings;
  }

  /** The mode used when a review fails before its namespace's mode is known. */
  public EnforcementMode defaultMode() {
    return settings.defaultEnforcement();
  }

  /**
   * @throws BadReviewException when a review of a workload lacks what every real one carries
   *     (operation, namespace, object)
   */
  public Verdict decide(ReviewRequest request) throws BadReviewException {
    Optional<WorkloadKind> workloadKind = request.workloadKind();
    String namespace = request.effectiveNamespace();
    Map<String, String> namespaceLabels = namespace.isEmpty() ? Map.of() : labelsOf(namespace);
    ModeChoice choice = modeOf(namespace, namespaceLabels);
    EnforcementMode mode = choice.mode;

    if (workloadKind.isEmpty()) return Verdict.allow(AdmissionDecision.ALLOWED, mode);
    if (request.operation() == null || request.operation().isEmpty()) {
      throw new BadReviewException("request.operation is missing; expected CREATE or UPDATE");
    }
    if (!request.isCreateOrUpdate()) return Verdict.allow(AdmissionDecision.ALLOWED, mode);
    if (request.object() == null) {
      throw new BadReviewException(
          "request.object is null; a "
              + request.operation()
              + " review of a "
              + workloadKind.get().kind()
              + " must carry the object");
    }
    if (namespace.isEmpty()) {
      throw new BadReviewException(
          "request.namespace is missing; a " + workloadKind.get().kind() + " is namespaced");
    }
    if (settings.isExempt(namespace)) return Verdict.allow(AdmissionDecision.EXEMPT, mode);
    if (mode == EnforcementMode.OFF) return Verdict.allow(AdmissionDecision.ALLOWED, mode);

    WorkloadKind kind = workloadKind.get();
    WorkloadRef ref = new WorkloadRef(kind, namespace, request.displayName());
    Workload workload =
        new Workload(
            ref, request.object().effectiveLabels(kind), request.object().ownerReferences());
    if (workload.isControlledByAnotherWorkload())
      return Verdict.allow(AdmissionDecision.ALLOWED, mode);

    NamespaceClaims claims = claimsOf(namespace);
    Resolution now = resolver.resolve(workload, namespaceLabels, claims);
    List<String> warnings = new ArrayList<>(2);
    if (choice.problem != null) warnings.add(choice.problem);

    boolean complains = mode == EnforcementMode.ENFORCE || mode == EnforcementMode.WARN;
    boolean unowned = !now.isOwned();
    List<InvalidOwnerLabel> invalid = complains ? now.invalidLabels() : List.of();
    if (!unowned && invalid.isEmpty()) {
      if (complains && now.status() == OwnershipStatus.CONFLICT)
        warnings.add(conflictMessage(ref, now));
      return Verdict.allow(AdmissionDecision.ALLOWED, mode, warnings);
    }
    if (mode == EnforcementMode.AUDIT) {
      return Verdict.audit(
          mode,
          warnings,
          Map.of(OwnershipKeys.UNOWNED_AUDIT_ANNOTATION, kind.kind() + "/" + ref.name()));
    }

    List<String> findings = new ArrayList<>(invalid.size() + 1);
    for (InvalidOwnerLabel label : invalid) findings.add(ref + ": " + label.message() + ".");
    if (unowned) findings.add(unownedMessage(ref, claims));
    if (now.status() == OwnershipStatus.CONFLICT) warnings.add(conflictMessage(ref, now));

    if (mode == EnforcementMode.WARN) {
      warnings.addAll(findings);
      return Verdict.allow(AdmissionDecision.WARNED, mode, warnings);
    }
    if (isGrandfathered(request, kind, ref, namespaceLabels, claims, now)) {
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

  /**
   * An UPDATE that leaves a workload no worse than it was is let through, so nobody is blocked from
   * an emergency fix to a legacy workload; an UPDATE that takes ownership away is judged like a
   * CREATE.
   */
  private boolean isGrandfathered(
      ReviewRequest request,
      WorkloadKind kind,
      WorkloadRef ref,
      Map<String, String> namespaceLabels,
      NamespaceClaims claims,
      Resolution now) {
    if (!ReviewRequest.UPDATE.equals(request.operation()) || request.oldObject() == null)
      return false;
    ReviewedObject old = request.oldObject();
    Resolution before =
        resolver.resolve(
            new Workload(ref, old.effectiveLabels(kind), old.ownerReferences()),
            namespaceLabels,
            claims);
    boolean ownerWasMissing = now.isOwned() || !before.isOwned();
    return ownerWasMissing && before.invalidLabels().containsAll(now.invalidLabels());
  }

  private String unownedMessage(WorkloadRef ref, NamespaceClaims claims) {
    StringBuilder text =
        new StringBuilder(160)
            .append(ref)
            .append(" has no owner. Add label ")
            .append(resolver.ownerLabelKeys().first())
            .append("=<team>, or make a ServiceOwnership in namespace ")
            .append(ref.namespace())
            .append(" select it");
    List<OwnershipClaim> existing = claims.inPrecedenceOrder();
    if (!existing.isEmpty()) {
      text.append(" (existing: ");
      int listed = Math.min(existing.size(), MAX_LISTED_CLAIMS);
      for (int i = 0; i < listed; i++) {
        OwnershipClaim claim = existing.get(i);
        if (i > 0) text.append("; ");
        text.append(claim.name()).append(" selects ").append(claim.selector().describe());
      }
      if (existing.size() > listed)
        text.append("; and ").append(existing.size() - listed).append(" more");
      text.append(')');
    }
    return text.append('.').toString();
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

  /**
   * @param problem a warning when the namespace label names no mode; null when it is fine
   */
  private record ModeChoice(EnforcementMode mode, String problem) {}

  private ModeChoice modeOf(String namespace, Map<String, String> namespaceLabels) {
    String label = namespaceLabels.get(OwnershipKeys.ENFORCEMENT_LABEL);
    if (label == null || EnforcementMode.parse(label).isPresent()) {
      return new ModeChoice(
          EnforcementMode.ofNamespace(namespaceLabels, settings.defaultEnforcement()), null);
    }
    return new ModeChoice(
        settings.defaultEnforcement(),
        "Namespace "
            + namespace
            + " has label "
            + OwnershipKeys.ENFORCEMENT_LABEL
            + "="
            + label
            + ", which is not a mode (enforce, warn, audit or off); using the default, "
            + settings.defaultEnforcement().value()
            + ".");
  }
}
