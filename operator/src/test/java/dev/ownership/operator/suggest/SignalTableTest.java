package dev.ownership.operator.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each signal on its own: an unowned Deployment {@code worker} and owned ones that share exactly
 * that signal with it (or do not), in a namespace where no team owns a majority (web's {@code cart}
 * and payments' {@code ledger}), so that nothing else speaks.
 */
class SignalTableTest {
  record Case(
      String name,
      UnaryOperator<Shop> setUp,
      Map<String, String> workerLabels,
      Map<String, String> workerAnnotations,
      List<String> workerImages,
      String team,
      Confidence confidence,
      Signal signal,
      String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Map<String, String> with(Map<String, String> base, String... pairs) {
    Map<String, String> map = new HashMap<>(base);
    for (int i = 0; i < pairs.length; i += 2) map.put(pairs[i], pairs[i + 1]);
    return map;
  }

  static final Map<String, String> WEB = Map.of("team", "web", "app", "cart");

  /** web's cart carries the signal; payments' ledger carries nothing. */
  static UnaryOperator<Shop> cart(
      Map<String, String> labels, Map<String, String> annotations, String... images) {
    return shop ->
        shop.deployment("cart", with(WEB, flatten(labels)), annotations, images)
            .deployment("ledger", Map.of("team", "payments", "app", "ledger"));
  }

  static String[] flatten(Map<String, String> map) {
    return map.entrySet().stream()
        .flatMap(e -> Stream.of(e.getKey(), e.getValue()))
        .toArray(String[]::new);
  }

  static Stream<Arguments> cases() {
    Map<String, String> helm =
        Map.of("meta.helm.sh/release-name", "shop", "meta.helm.sh/release-namespace", Shop.NS);
    return Stream.of(
            new Case(
                "Helm release annotations",
                cart(Map.of(), helm),
                Map.of(),
                helm,
                List.of(),
                "web",
                Confidence.HIGH,
                Signal.HELM_RELEASE,
                "same Helm release \"shop\" as Deployment shop/cart (owned by web)"),
            new Case(
                "Helm release of another namespace is named with it",
                cart(
                    Map.of(),
                    Map.of(
                        "meta.helm.sh/release-name",
                        "shop",
                        "meta.helm.sh/release-namespace",
                        "tools")),
                Map.of(),
                Map.of(
                    "meta.helm.sh/release-name", "shop", "meta.helm.sh/release-namespace", "tools"),
                List.of(),
                "web",
                Confidence.HIGH,
                Signal.HELM_RELEASE,
                "same Helm release \"tools/shop\" as Deployment shop/cart (owned by web)"),
            new Case(
                "same release name in another release namespace ties nothing",
                cart(
                    Map.of(),
                    Map.of(
                        "meta.helm.sh/release-name",
                        "shop",
                        "meta.helm.sh/release-namespace",
                        "tools")),
                Map.of(),
                helm,
                List.of(),
                null,
                null,
                null,
                null),
            new Case(
                "Argo CD tracking-id annotation and instance label name the same application",
                cart(
                    Map.of(),
                    Map.of(
                        "argocd.argoproj.io/tracking-id", "storefront:apps/Deployment:shop/cart")),
                Map.of("argocd.argoproj.io/instance", "storefront"),
                Map.of(),
                List.of(),
                "web",
                Confidence.HIGH,
                Signal.ARGO_CD_APPLICATION,
                "same Argo CD application \"storefront\" as Deployment shop/cart (owned by web)"),
            new Case(
                "Flux Kustomization labels",
                cart(
                    Map.of(
                        "kustomize.toolkit.fluxcd.io/name", "apps",
                        "kustomize.toolkit.fluxcd.io/namespace", "flux-system"),
                    Map.of()),
                Map.of(
                    "kustomize.toolkit.fluxcd.io/name", "apps",
                    "kustomize.toolkit.fluxcd.io/namespace", "flux-system"),
                Map.of(),
                List.of(),
                "web",
                Confidence.HIGH,
                Signal.FLUX_KUSTOMIZATION,
                "same Flux Kustomization \"flux-system/apps\" as Deployment shop/cart (owned by"
                    + " web)"),
            new Case(
                "Flux HelmRelease labels (namespace defaults to the workload's)",
                cart(Map.of("helm.toolkit.fluxcd.io/name", "shop"), Map.of()),
                Map.of(
                    "helm.toolkit.fluxcd.io/name",
                    "shop",
                    "helm.toolkit.fluxcd.io/namespace",
                    Shop.NS),
                Map.of(),
                List.of(),
                "web",
                Confidence.HIGH,
                Signal.FLUX_HELM_RELEASE,
                "same Flux HelmRelease \"shop\" as Deployment shop/cart (owned by web)"),
            new Case(
                "part-of",
                cart(Map.of("app.kubernetes.io/part-of", "storefront"), Map.of()),
                Map.of("app.kubernetes.io/part-of", "storefront"),
                Map.of(),
                List.of(),
                "web",
                Confidence.MEDIUM,
                Signal.PART_OF,
                "same application (app.kubernetes.io/part-of) \"storefront\" as Deployment"
                    + " shop/cart (owned by web)"),
            new Case(
                "instance on two Helm-rendered workloads",
                cart(
                    Map.of("app.kubernetes.io/instance", "shop", "helm.sh/chart", "cart-1.0.0"),
                    Map.of()),
                Map.of("app.kubernetes.io/instance", "shop", "helm.sh/chart", "worker-2.1.0"),
                Map.of(),
                List.of(),
                "web",
                Confidence.MEDIUM,
                Signal.CHART_INSTANCE,
                "same Helm chart instance (app.kubernetes.io/instance with helm.sh/chart) \"shop\""
                    + " as Deployment shop/cart (owned by web)"),
            new Case(
                "instance alone",
                cart(
                    Map.of("app.kubernetes.io/instance", "shop", "helm.sh/chart", "cart-1.0.0"),
                    Map.of()),
                Map.of("app.kubernetes.io/instance", "shop"),
                Map.of(),
                List.of(),
                "web",
                Confidence.LOW,
                Signal.INSTANCE,
                "same app.kubernetes.io/instance \"shop\" as Deployment shop/cart (owned by web)"),
            new Case(
                "image repository, whatever the tag or digest",
                cart(Map.of(), Map.of(), "ghcr.io/acme/shop:1.2.0"),
                Map.of(),
                Map.of(),
                List.of("busybox:1.36", "ghcr.io/acme/shop@sha256:0123abcd"),
                "web",
                Confidence.LOW,
                Signal.IMAGE_REPOSITORY,
                "same image repository \"ghcr.io/acme/shop\" as Deployment shop/cart (owned by"
                    + " web)"),
            new Case(
                "an official base image ties nobody",
                cart(Map.of(), Map.of(), "redis:7", "docker.io/library/busybox"),
                Map.of(),
                Map.of(),
                List.of("redis:6-alpine", "public.ecr.aws/docker/library/busybox:1"),
                null,
                null,
                null,
                null),
            new Case(
                "a name that extends a ServiceOwnership's selector value",
                shop ->
                    cart(Map.of(), Map.of())
                        .apply(shop)
                        .claim("checkout", "payments", Map.of("app", "checkout")),
                Map.of("app", "checkout-worker"),
                Map.of(),
                List.of(),
                "payments",
                Confidence.LOW,
                Signal.SELECTOR_NAME,
                "label app \"checkout-worker\" shares the selector label app=checkout of"
                    + " ServiceOwnership shop/checkout (team payments)"),
            new Case(
                "a label the selector names, beside one it does not match",
                shop ->
                    cart(Map.of(), Map.of())
                        .apply(shop)
                        .claim(
                            "checkout",
                            "payments",
                            new LabelSelectorBuilder()
                                .withMatchLabels(Map.of("app", "checkout"))
                                .addNewMatchExpression()
                                .withKey("track")
                                .withOperator("In")
                                .withValues("stable")
                                .endMatchExpression()
                                .build()),
                Map.of("app", "checkout", "track", "canary"),
                Map.of(),
                List.of(),
                "payments",
                Confidence.LOW,
                Signal.SELECTOR_NAME,
                "label app \"checkout\" shares the selector label app=checkout of ServiceOwnership"
                    + " shop/checkout (team payments)"),
            new Case(
                "selector values shorter than three characters tie nothing",
                shop ->
                    cart(Map.of(), Map.of()).apply(shop).claim("db", "data", Map.of("app", "db")),
                Map.of("app", "db-replica"),
                Map.of(),
                List.of(),
                null,
                null,
                null,
                null),
            new Case(
                "namespace majority",
                shop -> cart(Map.of(), Map.of()).apply(shop).deployment("assets", WEB),
                Map.of(),
                Map.of(),
                List.of(),
                "web",
                Confidence.LOW,
                Signal.NAMESPACE_MAJORITY,
                "team web owns 2 of the 3 owned workloads in namespace shop (Deployment"
                    + " shop/assets and Deployment shop/cart)"),
            new Case(
                "half the owned workloads is no majority",
                cart(Map.of(), Map.of()),
                Map.of(),
                Map.of(),
                List.of(),
                null,
                null,
                null,
                null))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachSignalAlone(Case c) {
    Shop shop = c.setUp().apply(new Shop());
    shop.deployment(
        "worker", c.workerLabels(), c.workerAnnotations(), c.workerImages().toArray(String[]::new));
    Suggestion s = shop.suggestion("worker");
    if (c.team() == null) {
      assertThat(s.hasTeam()).as("%s", s).isFalse();
      assertThat(s.evidence()).isEmpty();
      assertThat(s.reason())
          .isEqualTo("no signal ties it to an owned workload or a ServiceOwnership");
      return;
    }
    assertThat(s.team()).isEqualTo(c.team());
    assertThat(s.confidence()).isEqualTo(c.confidence());
    assertThat(s.conflicting()).isEmpty();
    assertThat(s.evidence())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.signal()).isEqualTo(c.signal());
              assertThat(e.team()).isEqualTo(c.team());
              assertThat(e.message()).isEqualTo(c.message());
            });
  }
}
