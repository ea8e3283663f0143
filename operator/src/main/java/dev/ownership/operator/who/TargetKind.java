package dev.ownership.operator.who;

import dev.ownership.operator.ownership.WorkloadKind;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code who} can start from: a pod, a ReplicaSet, a Service or one of the workload kinds,
 * named the way kubectl names them (kind, plural, short name; any case; optionally with the API
 * group, as in {@code deployments.apps/x}).
 */
public enum TargetKind {
  POD("", "v1", "Pod", "pods", "po"),
  REPLICASET("apps", "v1", "ReplicaSet", "replicasets", "rs"),
  SERVICE("", "v1", "Service", "services", "svc"),
  DEPLOYMENT(WorkloadKind.DEPLOYMENT, "deploy"),
  STATEFULSET(WorkloadKind.STATEFULSET, "sts"),
  DAEMONSET(WorkloadKind.DAEMONSET, "ds"),
  JOB(WorkloadKind.JOB, null),
  CRONJOB(WorkloadKind.CRONJOB, "cj");

  private final String group;
  private final String version;
  private final String kind;
  private final String plural;
  private final String shortName;
  private final WorkloadKind workloadKind;

  TargetKind(String group, String version, String kind, String plural, String shortName) {
    this(group, version, kind, plural, shortName, null);
  }

  TargetKind(WorkloadKind workload, String shortName) {
    this(
        workload.group(),
        workload.version(),
        workload.kind(),
        workload.plural(),
        shortName,
        workload);
  }

  TargetKind(
      String group,
      String version,
      String kind,
      String plural,
      String shortName,
      WorkloadKind workloadKind) {
    this.group = group;
    this.version = version;
    this.kind = kind;
    this.plural = plural;
    this.shortName = shortName;
    this.workloadKind = workloadKind;
  }

  public String group() {
    return group;
  }

  public String version() {
    return version;
  }

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public String kind() {
    return kind;
  }

  public String plural() {
    return plural;
  }

  /** How kubectl writes an object of this kind: {@code deployment/checkout}. */
  public String slashName(String name) {
    return kind.toLowerCase(Locale.ROOT) + "/" + name;
  }

  /** The workload kind, for the five kinds that have owners of their own. */
  public Optional<WorkloadKind> workloadKind() {
    return Optional.ofNullable(workloadKind);
  }

  public static TargetKind of(WorkloadKind kind) {
    return Arrays.stream(values()).filter(t -> t.workloadKind == kind).findFirst().orElseThrow();
  }

  /** An ownerReference's kind, when it is one {@code who} can follow. */
  public static Optional<TargetKind> ofOwnerReference(String apiVersion, String kind) {
    if (apiVersion == null || kind == null) return Optional.empty();
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return Arrays.stream(values())
        .filter(t -> t.kind.equals(kind) && t.group.equals(group))
        .findFirst();
  }

  /**
   * Parses {@code po}, {@code pods}, {@code Pod}, {@code deployments.apps} and the like; empty when
   * the word names no kind {@code who} knows.
   */
  public static Optional<TargetKind> parse(String word) {
    String text = word.trim().toLowerCase(Locale.ROOT);
    String group = null;
    int dot = text.indexOf('.');
    if (dot >= 0) {
      group = text.substring(dot + 1);
      text = text.substring(0, dot);
    }
    for (TargetKind target : values()) {
      if (group != null && !group.equals(target.group)) continue;
      if (target.names().contains(text)) return Optional.of(target);
    }
    return Optional.empty();
  }

  private List<String> names() {
    String singular = kind.toLowerCase(Locale.ROOT);
    return shortName == null ? List.of(singular, plural) : List.of(singular, plural, shortName);
  }

  /** For error messages: every accepted name. */
  public static String accepted() {
    return String.join(
        ", ",
        Arrays.stream(values())
            .map(
                t ->
                    t.kind.toLowerCase(Locale.ROOT)
                        + (t.shortName == null ? "" : " (" + t.shortName + ")"))
            .toList());
  }
}
