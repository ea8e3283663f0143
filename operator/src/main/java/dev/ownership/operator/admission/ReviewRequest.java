package dev.ownership.operator.admission;

import dev.ownership.operator.ownership.WorkloadKind;
import java.util.Optional;

/**
 * The parts of an AdmissionReview's {@code request} that the decision needs.
 *
 * @param group group of {@code request.kind} (empty for the core group); null when the request has
 *     no kind
 * @param kind kind of {@code request.kind}, else the object's own kind; null when neither is known
 * @param name {@code request.name}; empty or null for objects created with generateName
 * @param object null when the request carries none (DELETE, CONNECT)
 * @param oldObject null for CREATE
 */
public record ReviewRequest(
    String uid,
    String group,
    String kind,
    String operation,
    String namespace,
    String name,
    boolean dryRun,
    ReviewedObject object,
    ReviewedObject oldObject) {

  public static final String CREATE = "CREATE";
  public static final String UPDATE = "UPDATE";

  /** The workload kind under review; empty for every kind the webhook does not govern. */
  public Optional<WorkloadKind> workloadKind() {
    if (kind == null) return Optional.empty();
    if (group != null) return WorkloadKind.fromGroupKind(group, kind);
    return object == null
        ? Optional.empty()
        : WorkloadKind.fromApiVersionKind(object.apiVersion(), kind);
  }

  /** Whether the review is of a ServiceOwnership (any served version of its group). */
  public boolean isServiceOwnership() {
    if (!ReviewedKind.SERVICE_OWNERSHIP_KIND.equals(kind)) return false;
    if (group != null) return ReviewedKind.SERVICE_OWNERSHIP_GROUP.equals(group);
    return object != null
        && object.apiVersion() != null
        && object.apiVersion().startsWith(ReviewedKind.SERVICE_OWNERSHIP_GROUP + "/");
  }

  /** The kind as the metrics count it; empty for every kind the webhook does not judge. */
  public Optional<ReviewedKind> reviewedKind() {
    Optional<WorkloadKind> workload = workloadKind();
    if (workload.isPresent()) return Optional.of(ReviewedKind.of(workload.get()));
    return isServiceOwnership() ? Optional.of(ReviewedKind.SERVICE_OWNERSHIP) : Optional.empty();
  }

  public boolean isCreateOrUpdate() {
    return CREATE.equals(operation) || UPDATE.equals(operation);
  }

  /** The namespace of the request, else of the object; empty when neither says. */
  public String effectiveNamespace() {
    if (namespace != null && !namespace.isEmpty()) return namespace;
    if (object != null && object.namespace() != null) return object.namespace();
    return "";
  }

  /**
   * The name to show people. Objects created with generateName have no name yet at admission time;
   * their prefix followed by {@code *} stands for the name the API server will pick.
   */
  public String displayName() {
    if (name != null && !name.isEmpty()) return name;
    if (object != null && object.name() != null && !object.name().isEmpty()) return object.name();
    if (object != null && object.generateName() != null && !object.generateName().isEmpty())
      return object.generateName() + "*";
    return "<unnamed>";
  }
}
