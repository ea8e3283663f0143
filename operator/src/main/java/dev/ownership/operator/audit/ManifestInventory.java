package dev.ownership.operator.audit;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.InvalidSpecException;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.NamespaceDirectory;
import dev.ownership.operator.ownership.OwnershipClaim;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workloads, namespaces and ServiceOwnerships found in a set of manifests: the audit's answer
 * to {@link NamespaceDirectory}, the same questions the controller answers from its caches.
 */
public final class ManifestInventory implements NamespaceDirectory {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** A workload, the document it came from and where its parts are in it. */
  public record WorkloadManifest(DocumentOrigin origin, Workload workload, SourceLines lines) {
    public WorkloadManifest(DocumentOrigin origin, Workload workload) {
      this(origin, workload, SourceLines.NONE);
    }
  }

  private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
  private final Map<String, List<OwnershipClaim>> claimsByNamespace = new HashMap<>();
  private final Map<String, NamespaceClaims> claims = new HashMap<>();
  private final List<WorkloadManifest> workloads = new ArrayList<>();
  private final List<AuditProblem> problems = new ArrayList<>();
  private final List<AuditProblem> notices = new ArrayList<>();

  private ManifestInventory() {}

  /**
   * @param defaultNamespace for documents that name none
   * @param invalidClaimsAreErrors true for manifests (the author must fix them); false for a live
   *     cluster, where the controller ignores such a ServiceOwnership and reports it in its status
   */
  public static ManifestInventory of(
      List<ManifestDocument> documents, String defaultNamespace, boolean invalidClaimsAreErrors) {
    ManifestInventory inventory = new ManifestInventory();
    for (ManifestDocument document : documents) {
      inventory.add(document, defaultNamespace, invalidClaimsAreErrors);
    }
    inventory.claimsByNamespace.forEach(
        (namespace, list) -> inventory.claims.put(namespace, NamespaceClaims.of(list)));
    return inventory;
  }

  private void add(
      ManifestDocument document, String defaultNamespace, boolean invalidClaimsAreErrors) {
    String kind = document.kind();
    Optional<WorkloadKind> workloadKind =
        WorkloadKind.fromApiVersionKind(document.apiVersion(), kind);
    if (workloadKind.isPresent()) {
      try {
        Workload workload =
            WorkloadManifests.toWorkload(workloadKind.get(), document.body(), defaultNamespace);
        // A Job run by a CronJob is the CronJob's; the controller does not track it either.
        if (!workload.isPartOfAnotherWorkload())
          workloads.add(new WorkloadManifest(document.origin(), workload, document.lines()));
      } catch (WorkloadManifests.UnreadableManifest e) {
        problems.add(new AuditProblem(document.originOf(e.pointer()), e.getMessage()));
      }
    } else if (kind.equals("Namespace") && document.group().isEmpty()) {
      addNamespace(document);
    } else if (kind.equals("ServiceOwnership") && document.group().equals(ServiceOwnership.GROUP)) {
      addClaim(document, defaultNamespace, invalidClaimsAreErrors);
    }
    // Every other kind (Service, ConfigMap, Pod, ReplicaSet, ...) has no owner of its own here.
  }

  private void addNamespace(ManifestDocument document) {
    if (document.name().isEmpty()) {
      problems.add(
          new AuditProblem(document.originOf("/metadata"), "Namespace has no metadata.name"));
      return;
    }
    try {
      namespaceLabels.put(
          document.name(),
          WorkloadManifests.labels(
              document.body().path("metadata").path("labels"), List.of("metadata", "labels")));
    } catch (WorkloadManifests.UnreadableManifest e) {
      problems.add(
          new AuditProblem(
              document.originOf(e.pointer()),
              "Namespace " + document.name() + ": " + e.getMessage()));
    }
  }

  private void addClaim(
      ManifestDocument document, String defaultNamespace, boolean invalidClaimsAreErrors) {
    String name = document.name();
    String where = "ServiceOwnership " + (name.isEmpty() ? "(no name)" : name);
    try {
      if (!document.apiVersion().equals(ServiceOwnership.API_VERSION)) {
        throw new InvalidSpecException(
            "apiVersion "
                + document.apiVersion()
                + " is not served; use "
                + ServiceOwnership.API_VERSION);
      }
      if (name.isEmpty()) throw new InvalidSpecException("metadata.name is missing");
      ServiceOwnership resource;
      try {
        resource = SERIALIZATION.convertValue(document.body(), ServiceOwnership.class);
      } catch (IllegalArgumentException e) {
        throw new InvalidSpecException(
            "does not match the ServiceOwnership schema: " + firstLine(e.getMessage()));
      }
      if (resource.getMetadata().getNamespace() == null
          || resource.getMetadata().getNamespace().isEmpty()) {
        resource.getMetadata().setNamespace(defaultNamespace);
      }
      OwnershipClaim claim = OwnershipClaim.of(resource);
      claimsByNamespace.computeIfAbsent(claim.namespace(), ns -> new ArrayList<>()).add(claim);
    } catch (InvalidSpecException e) {
      AuditProblem problem =
          new AuditProblem(
              document.originOf(pointerOf(e.getMessage())),
              where + " is invalid: " + e.getMessage());
      (invalidClaimsAreErrors ? problems : notices).add(problem);
    }
  }

  /**
   * The node a message about a spec names first, e.g. {@code spec.selector.matchExpressions[0].key:
   * ...} → {@code /spec/selector/matchExpressions/0/key}; the object itself when it names none.
   */
  static String pointerOf(String message) {
    if (message == null || !message.startsWith("spec")) return "";
    int end = 0;
    while (end < message.length()
        && (Character.isLetterOrDigit(message.charAt(end))
            || ".[]".indexOf(message.charAt(end)) >= 0)) end++;
    String path = message.substring(0, end).replace("[", ".").replace("]", "");
    return SourceLines.pointer(path.split("\\.+"));
  }

  private static String firstLine(String message) {
    if (message == null) return "";
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    // Jackson appends the internal reference chain after " (through reference chain"; users need
    // the first part.
    int chain = line.indexOf(" (through reference chain");
    return chain < 0 ? line : line.substring(0, chain);
  }

  @Override
  public Map<String, String> labels(String namespace) {
    return namespaceLabels.getOrDefault(namespace, Map.of());
  }

  @Override
  public NamespaceClaims claims(String namespace) {
    return claims.getOrDefault(namespace, NamespaceClaims.NONE);
  }

  public List<WorkloadManifest> workloads() {
    return List.copyOf(workloads);
  }

  /** Documents that make the audit fail with exit code 2. */
  public List<AuditProblem> problems() {
    return List.copyOf(problems);
  }

  /** Things worth telling that do not fail the audit. */
  public List<AuditProblem> notices() {
    return List.copyOf(notices);
  }
}
