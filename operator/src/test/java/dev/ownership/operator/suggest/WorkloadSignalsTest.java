package dev.ownership.operator.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one extractor: what it reads from a manifest, and the same from a live object. */
class WorkloadSignalsTest {
  static final ObjectMapper YAML = new YAMLMapper();

  static final String CRONJOB =
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: nightly
        namespace: shop
        labels:
          app.kubernetes.io/part-of: storefront
          kustomize.toolkit.fluxcd.io/name: apps
          kustomize.toolkit.fluxcd.io/namespace: flux-system
          helm.toolkit.fluxcd.io/name: shop
        annotations:
          meta.helm.sh/release-name: shop
          argocd.argoproj.io/tracking-id: "storefront:batch/CronJob:shop/nightly"
      spec:
        jobTemplate:
          spec:
            template:
              metadata:
                labels:
                  app.kubernetes.io/part-of: ignored-the-workload-wins
                  app.kubernetes.io/instance: shop
                  helm.sh/chart: nightly-1.2.0
              spec:
                initContainers:
                - {name: init, image: "ghcr.io/acme/init:1"}
                containers:
                - {name: a, image: "ghcr.io/acme/nightly:1.0"}
                - {name: b, image: "ghcr.io/acme/nightly@sha256:00ff"}
                - {name: c, image: "redis"}
                - {name: d}
      """;

  static Workload workload(WorkloadKind kind, JsonNode object) {
    JsonNode template = object;
    for (String segment : kind.podTemplatePath()) template = template.path(segment);
    @SuppressWarnings("unchecked")
    Map<String, String> own = YAML.convertValue(object.at("/metadata/labels"), Map.class);
    @SuppressWarnings("unchecked")
    Map<String, String> pod = YAML.convertValue(template.at("/metadata/labels"), Map.class);
    return new Workload(
        new WorkloadRef(kind, "shop", object.at("/metadata/name").asText()),
        Workload.effectiveLabels(own, pod),
        List.of());
  }

  @Test
  void readsEverySignalOfAManifest() throws Exception {
    JsonNode object = YAML.readTree(CRONJOB);
    WorkloadSignals signals = WorkloadSignals.from(workload(WorkloadKind.CRONJOB, object), object);
    assertThat(signals)
        .isEqualTo(
            new WorkloadSignals(
                new NamespacedName("shop", "shop"),
                "storefront",
                new NamespacedName("flux-system", "apps"),
                new NamespacedName("shop", "shop"),
                "storefront",
                "shop",
                "nightly-1.2.0",
                List.of("ghcr.io/acme/nightly", "docker.io/library/redis")));
  }

  @Test
  void aLiveObjectGivesTheSameSignalsAsItsManifest() throws Exception {
    String deployment =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: cart
          namespace: shop
          labels: {argocd.argoproj.io/instance: storefront}
          annotations: {meta.helm.sh/release-name: shop, meta.helm.sh/release-namespace: tools}
        spec:
          template:
            metadata:
              labels: {app.kubernetes.io/part-of: storefront}
            spec:
              containers: [{name: cart, image: "quay.io/acme/cart:2"}]
        """;
    JsonNode manifest = YAML.readTree(deployment);
    Workload workload = workload(WorkloadKind.DEPLOYMENT, manifest);
    WorkloadSignals fromManifest = WorkloadSignals.from(workload, manifest);
    assertThat(fromManifest.helmRelease()).isEqualTo(new NamespacedName("tools", "shop"));
    assertThat(fromManifest.argoCdApplication()).isEqualTo("storefront");
    assertThat(fromManifest.imageRepositories()).containsExactly("quay.io/acme/cart");
    assertThat(WorkloadSignals.from(workload, YAML.readValue(deployment, Deployment.class)))
        .isEqualTo(fromManifest);
    assertThat(
            WorkloadSignals.from(
                workload, YAML.readValue(deployment, GenericKubernetesResource.class)))
        .isEqualTo(fromManifest);
  }

  @Test
  void blankOrMalformedValuesAreNoSignal() throws Exception {
    JsonNode object =
        YAML.readTree(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: cart
              annotations:
                meta.helm.sh/release-name: "  "
                argocd.argoproj.io/tracking-id: "no-colon-here"
              labels: {app.kubernetes.io/part-of: ""}
            spec:
              template:
                spec:
                  containers: {name: not-a-list}
            """);
    assertThat(WorkloadSignals.from(workload(WorkloadKind.DEPLOYMENT, object), object))
        .isEqualTo(WorkloadSignals.NONE);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
    "nginx, docker.io/library/nginx",
    "nginx:1.27, docker.io/library/nginx",
    "bitnami/redis:7, docker.io/bitnami/redis",
    "index.docker.io/library/nginx, docker.io/library/nginx",
    "ghcr.io/acme/shop/cart:1.0@sha256:ab, ghcr.io/acme/shop/cart",
    "localhost:5000/cart:dev, localhost:5000/cart",
    "localhost/cart, localhost/cart",
    "registry.k8s.io/pause, registry.k8s.io/pause",
    "'  ', ",
    ":latest, ",
    "@sha256:ab, "
  })
  void imageRepositories(String image, String repository) {
    assertThat(ImageRepository.of(image)).isEqualTo(Optional.ofNullable(repository));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "docker.io/library/redis, true",
    "public.ecr.aws/docker/library/redis, true",
    "docker.io/bitnami/redis, false",
    "ghcr.io/library-team/app, false",
    "ghcr.io/acme/library, false"
  })
  void officialBaseImages(String repository, boolean shared) {
    assertThat(ImageRepository.isSharedBaseImage(repository)).isEqualTo(shared);
  }
}
