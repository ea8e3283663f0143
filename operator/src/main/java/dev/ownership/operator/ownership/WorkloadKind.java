package dev.ownership.operator.ownership;

import java.util.Arrays;
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
    return Arrays.stream(values()).filter(k -> k.kind.equals(kind)).findFirst();
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
    return Arrays.stream(values())
        .filter(k -> k.plural.equals(plural.toLowerCase(Locale.ROOT)) && k.group.equals(group))
        .findFirst();
  }
}
