package dev.ownership.operator.ownership;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The workload kinds whose ownership is tracked. */
public enum WorkloadKind {
  DEPLOYMENT("apps", "v1", "Deployment", "deployments"),
  STATEFULSET("apps", "v1", "StatefulSet", "statefulsets"),
  DAEMONSET("apps", "v1", "DaemonSet", "daemonsets"),
  JOB("batch", "v1", "Job", "jobs"),
  CRONJOB("batch", "v1", "CronJob", "cronjobs");

  private static final WorkloadKind[] ALL = values();

  private final String group;
  private final String version;
  private final String kind;
  private final String plural;

  WorkloadKind(String group, String version, String kind, String plural) {
    this.group = group;
    this.version = version;
    this.kind = kind;
    this.plural = plural;
  }

  public String group() {
    return group;
  }

  public String version() {
    return version;
  }

  public String apiVersion() {
    return group + "/" + version;
  }

  public String kind() {
    return kind;
  }

  public String plural() {
    return plural;
  }

  /** Path segments of the pod template inside the object, e.g. spec.template. */
  public List<String> podTemplatePath() {
    return this == CRONJOB
        ? List.of("spec", "jobTemplate", "spec", "template")
        : List.of("spec", "template");
  }

  /** Matches by kind name alone, case-sensitively as Kubernetes does. */
  public static Optional<WorkloadKind> fromKind(String kind) {
    // A loop over one shared array: values() copies the array, and this runs on every review.
    for (WorkloadKind k : ALL) {
      if (k.kind.equals(kind)) return Optional.of(k);
    }
    return Optional.empty();
  }

  /**
   * Matches by API group and kind; any served version of the group counts (matchPolicy Equivalent).
   */
  public static Optional<WorkloadKind> fromGroupKind(String group, String kind) {
    return fromKind(kind).filter(k -> k.group.equals(group == null ? "" : group));
  }

  /** Matches the {@code apiVersion}/{@code kind} pair of a manifest. */
  public static Optional<WorkloadKind> fromApiVersionKind(String apiVersion, String kind) {
    if (apiVersion == null) return Optional.empty();
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return fromGroupKind(group, kind);
  }

  public static Optional<WorkloadKind> fromPlural(String group, String plural) {
    String lower = plural.toLowerCase(Locale.ROOT);
    for (WorkloadKind k : ALL) {
      if (k.plural.equals(lower) && k.group.equals(group)) return Optional.of(k);
    }
    return Optional.empty();
  }
}
