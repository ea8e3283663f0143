package dev.ownership.operator.cli;

import dev.ownership.operator.audit.AuditReport;
import dev.ownership.operator.audit.AuditedWorkload;
import dev.ownership.operator.audit.DocumentOrigin;
import dev.ownership.operator.audit.ManifestDocument;
import dev.ownership.operator.audit.ManifestInventory;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.suggest.ClaimPlan;
import dev.ownership.operator.suggest.Confidence;
import dev.ownership.operator.suggest.NamespaceSnapshot;
import dev.ownership.operator.suggest.NamespaceSuggestions;
import dev.ownership.operator.suggest.ObservedWorkload;
import dev.ownership.operator.suggest.OwnerSuggester;
import dev.ownership.operator.suggest.ProposedClaim;
import dev.ownership.operator.suggest.ProposedLabel;
import dev.ownership.operator.suggest.Suggestion;
import dev.ownership.operator.suggest.WorkloadSignals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What `suggest` found: for every unowned workload of an audit, its suggestion (or none) and the
 * proposal that would claim it, beside the audit's own problems.
 */
final class SuggestionReport {
  static final int ALL_SUGGESTED = 0;
  static final int SOME_WITHOUT_SUGGESTION = 1;

  /** One unowned workload. {@code claim} or {@code label} is set when it has a suggestion. */
  record Entry(
      AuditedWorkload audited, Suggestion suggestion, ProposedClaim claim, ProposedLabel label) {}

  private final AuditReport audit;
  private final List<Entry> entries;
  private final ClaimPlan plan;

  private SuggestionReport(AuditReport audit, List<Entry> entries, ClaimPlan plan) {
    this.audit = audit;
    this.entries = List.copyOf(entries);
    this.plan = plan;
  }

  /**
   * @param documents what the inventory was built from: the signals are read from the same object
   *     as the workload, found by its origin
   */
  static SuggestionReport of(
      AuditReport audit,
      ManifestInventory inventory,
      List<ManifestDocument> documents,
      OwnerSuggester suggester) {
    Map<DocumentOrigin, ManifestDocument> byOrigin = new HashMap<>();
    documents.forEach(d -> byOrigin.put(d.origin(), d));
    Map<DocumentOrigin, Workload> workloads = new HashMap<>();
    inventory.workloads().forEach(m -> workloads.put(m.origin(), m.workload()));

    Map<String, List<AuditedWorkload>> byNamespace = new LinkedHashMap<>();
    Map<AuditedWorkload, ObservedWorkload> observed = new HashMap<>();
    for (AuditedWorkload audited : audit.workloads()) {
      Workload workload = workloads.get(audited.origin());
      ManifestDocument document = byOrigin.get(audited.origin());
      WorkloadSignals signals =
          document == null ? WorkloadSignals.NONE : WorkloadSignals.from(workload, document.body());
      observed.put(audited, new ObservedWorkload(workload, signals, audited.resolution()));
      byNamespace.computeIfAbsent(audited.ref().namespace(), ns -> new ArrayList<>()).add(audited);
    }

    List<Entry> entries = new ArrayList<>();
    List<ProposedClaim> claims = new ArrayList<>();
    List<ProposedLabel> labels = new ArrayList<>();
    byNamespace.forEach(
        (namespace, members) -> {
          NamespaceSnapshot snapshot =
              new NamespaceSnapshot(
                  namespace,
                  inventory.claims(namespace),
                  members.stream().map(observed::get).toList());
          NamespaceSuggestions suggestions = suggester.suggest(snapshot);
          ClaimPlan namespacePlan = suggestions.claimPlan();
          claims.addAll(namespacePlan.claims());
          labels.addAll(namespacePlan.labels());
          for (AuditedWorkload audited : members) {
            suggestions
                .suggestionFor(observed.get(audited))
                .ifPresent(
                    s ->
                        entries.add(
                            new Entry(
                                audited,
                                s,
                                s.hasTeam()
                                    ? namespacePlan.claimFor(audited.ref()).orElse(null)
                                    : null,
                                s.hasTeam()
                                    ? namespacePlan.labelFor(audited.ref()).orElse(null)
                                    : null)));
          }
        });
    return new SuggestionReport(audit, entries, new ClaimPlan(claims, labels));
  }

  AuditReport audit() {
    return audit;
  }

  /** Every unowned workload, in the audit's order (namespace, kind, name). */
  List<Entry> entries() {
    return entries;
  }

  ClaimPlan plan() {
    return plan;
  }

  long count(Confidence confidence) {
    return entries.stream().filter(e -> e.suggestion().confidence() == confidence).count();
  }

  long withoutSuggestion() {
    return entries.stream().filter(e -> !e.suggestion().hasTeam()).count();
  }

  /** 2 on any input error; else 1 if some unowned workload got no suggestion; else 0. */
  int exitCode() {
    if (!audit.problems().isEmpty()) return AuditReport.BAD_INPUT;
    return withoutSuggestion() == 0 ? ALL_SUGGESTED : SOME_WITHOUT_SUGGESTION;
  }

  /** e.g. {@code 3 unowned workloads: 2 with a suggestion (0 high, 0 medium, 2 low), 1 without}. */
  String summary() {
    long suggested = entries.size() - withoutSuggestion();
    return entries.size()
        + (entries.size() == 1 ? " unowned workload: " : " unowned workloads: ")
        + suggested
        + " with a suggestion ("
        + count(Confidence.HIGH)
        + " high, "
        + count(Confidence.MEDIUM)
        + " medium, "
        + count(Confidence.LOW)
        + " low), "
        + withoutSuggestion()
        + " without";
  }
}
