package dev.ownership.operator.suggest;

/**
 * What can tie an unowned workload to an owner, strongest first: the declaration order is the
 * ranking (docs/suggest.md explains it). {@link #strength()} is the confidence a suggestion that
 * rests on this signal starts from.
 */
public enum Signal {
  /** Helm's own annotations {@code meta.helm.sh/release-name} and {@code release-namespace}. */
  HELM_RELEASE("helm-release", Confidence.HIGH, "Helm release", null),
  /**
   * Argo CD's annotation {@code argocd.argoproj.io/tracking-id} or its label {@code
   * argocd.argoproj.io/instance}.
   */
  ARGO_CD_APPLICATION(
      "argocd-application", Confidence.HIGH, "Argo CD application", "argocd.argoproj.io/instance"),
  /** Flux kustomize-controller's labels {@code kustomize.toolkit.fluxcd.io/name|namespace}. */
  FLUX_KUSTOMIZATION(
      "flux-kustomization",
      Confidence.HIGH,
      "Flux Kustomization",
      "kustomize.toolkit.fluxcd.io/name"),
  /** Flux helm-controller's labels {@code helm.toolkit.fluxcd.io/name|namespace}. */
  FLUX_HELM_RELEASE(
      "flux-helmrelease", Confidence.HIGH, "Flux HelmRelease", "helm.toolkit.fluxcd.io/name"),
  /** {@code app.kubernetes.io/part-of}: the larger application, as its author declared it. */
  PART_OF(
      "part-of",
      Confidence.MEDIUM,
      "application (app.kubernetes.io/part-of)",
      WorkloadSignals.PART_OF_LABEL),
  /** {@code app.kubernetes.io/instance} on two workloads that Helm charts rendered. */
  CHART_INSTANCE(
      "chart-instance",
      Confidence.MEDIUM,
      "Helm chart instance (app.kubernetes.io/instance with helm.sh/chart)",
      WorkloadSignals.INSTANCE_LABEL),
  /** {@code app.kubernetes.io/instance} alone. */
  INSTANCE(
      "instance", Confidence.LOW, "app.kubernetes.io/instance", WorkloadSignals.INSTANCE_LABEL),
  /** A container image repository (tag and digest aside), official base images excepted. */
  IMAGE_REPOSITORY("image-repository", Confidence.LOW, "image repository", null),
  /** A name or label value that a ServiceOwnership's selector names, which misses the workload. */
  SELECTOR_NAME("selector-name", Confidence.LOW, "name", null),
  /** The team that owns most of the namespace's owned workloads. */
  NAMESPACE_MAJORITY("namespace-majority", Confidence.LOW, "namespace", null);

  private final String value;
  private final Confidence strength;
  private final String what;
  private final String selectorKey;

  Signal(String value, Confidence strength, String what, String selectorKey) {
    this.value = value;
    this.strength = strength;
    this.what = what;
    this.selectorKey = selectorKey;
  }

  /** The name in JSON output, e.g. {@code helm-release}. */
  public String value() {
    return value;
  }

  public Confidence strength() {
    return strength;
  }

  /** What is shared, in words: "same {what} ..." in evidence. */
  String what() {
    return what;
  }

  /**
   * The workload label that carries the shared value, when a selector on it could claim the group;
   * null when the signal is not a label (annotations, images, names).
   */
  public String selectorKey() {
    return selectorKey;
  }

  /** True for the signals that tie a workload to one shared value (not names or majorities). */
  boolean sharesAValue() {
    return this != SELECTOR_NAME && this != NAMESPACE_MAJORITY;
  }
}
