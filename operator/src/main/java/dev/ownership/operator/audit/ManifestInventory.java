package dev.ownership.operator.audit;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.ownership.InvalidSpecException;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.NamespaceDirectory;
import dev.ownership.operator.ownership.OwnershipClaim;
import dev.ownership.operator.ownership.OwnershipKeys;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.text.SafeText;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workloads, namespaces, ServiceOwnerships and Teams found in a set of manifests: the audit's
 * answer to {@link NamespaceDirectory}, the same questions the controller answers from its caches.
 * The Teams make the registry (INTERFACE §8): none in the input, and it is not in use.
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
  private final Map<String, Team> teamsByName = new LinkedHashMap<>();
  private final Map<String, DocumentOrigin> teamOrigins = new HashMap<>();

  /** Where each team value is written, to point a finding about it at its line. */
  private final Map<String, DocumentOrigin> claimTeamOrigins = new HashMap<>();

  private final Map<String, DocumentOrigin> namespaceTeamOrigins = new HashMap<>();
  private TeamRegistry teams = TeamRegistry.NONE;
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
    return of(documents, defaultNamespace, invalidClaimsAreErrors, TeamRegistryMode.WARN);
  }

  /**
   * @param teamMode {@code --team-registry}: how the Teams of the input judge team values
   */
  public static ManifestInventory of(
      List<ManifestDocument> documents,
      String defaultNamespace,
      boolean invalidClaimsAreErrors,
      TeamRegistryMode teamMode) {
    ManifestInventory inventory = new ManifestInventory();
    for (ManifestDocument document : documents) {
      inventory.add(document, defaultNamespace, invalidClaimsAreErrors);
    }
    inventory.claimsByNamespace.forEach(
        (namespace, list) -> inventory.claims.put(namespace, NamespaceClaims.of(list)));
    inventory.teams = TeamRegistry.of(inventory.teamsByName.values(), teamMode);
    inventory.checkRegistry(invalidClaimsAreErrors);
    return inventory;
  }

  /**
   * What the controller reports on a Team's status (Ready=False): an alias two Teams claim, or one
   * equal to a Team's name, names neither, so for manifests it is an error to fix; a parent that is
   * no Team of the input may live elsewhere, so that is a note.
   */
  private void checkRegistry(boolean invalidTeamsAreErrors) {
    if (teams.mode() == TeamRegistryMode.OFF) return;
    teamsByName.forEach(
        (name, team) -> {
          DocumentOrigin origin = teamOrigins.get(name);
          String aliasProblem = teams.aliasProblem(name);
          if (aliasProblem != null) {
            (invalidTeamsAreErrors ? problems : notices)
                .add(new AuditProblem(origin, "Team " + name + ": " + aliasProblem));
          }
          String parentProblem = teams.parentProblem(name);
          if (parentProblem != null) {
            notices.add(new AuditProblem(origin, "Team " + name + ": " + parentProblem));
          }
        });
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
    } else if (kind.equals("Team") && document.group().equals(ServiceOwnership.GROUP)) {
      addTeam(document, invalidClaimsAreErrors);
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
      namespaceTeamOrigins.put(
          document.name(),
          document.originOf(
              SourceLines.pointer("metadata", "labels", OwnershipKeys.NAMESPACE_TEAM_LABEL)));
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
      claimTeamOrigins.put(claim.namespace() + "/" + claim.name(), document.originOf("/spec/team"));
    } catch (InvalidSpecException e) {
      AuditProblem problem =
          new AuditProblem(
              document.originOf(pointerOf(e.getMessage())),
              where + " is invalid: " + e.getMessage());
      (invalidClaimsAreErrors ? problems : notices).add(problem);
    }
  }

  private void addTeam(ManifestDocument document, boolean invalidTeamsAreErrors) {
    String name = document.name();
    String where = "Team " + (name.isEmpty() ? "(no name)" : SafeText.of(name, 63));
    try {
      Team team = TeamManifests.toTeam(document);
      DocumentOrigin first = teamOrigins.get(name);
      if (first != null) {
        // Applied in order the second would replace the first: say so rather than pick one.
        problems.add(
            new AuditProblem(
                document.originOf("/metadata/name"),
                where + " is defined twice (first at " + first + "); keep one"));
        return;
      }
      teamsByName.put(name, team);
      teamOrigins.put(name, document.originOf(""));
    } catch (TeamManifests.InvalidTeam e) {
      (invalidTeamsAreErrors ? problems : notices)
          .add(
              new AuditProblem(
                  document.originOf(e.pointer()), where + " is invalid: " + e.getMessage()));
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

  static String firstLine(String message) {
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

  /** The registry of the input's Teams; not in use when there are none. */
  @Override
  public TeamRegistry teams() {
    return teams;
  }

  /** Where ServiceOwnership {@code namespace/name} writes its team; null when unknown. */
  DocumentOrigin claimTeamOrigin(String namespace, String name) {
    return claimTeamOrigins.get(namespace + "/" + name);
  }

  /** Where namespace {@code namespace} writes its {@code ownership.dev/team} label. */
  DocumentOrigin namespaceTeamOrigin(String namespace) {
    return namespaceTeamOrigins.get(namespace);
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
