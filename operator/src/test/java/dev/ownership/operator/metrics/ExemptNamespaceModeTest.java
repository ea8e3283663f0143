package dev.ownership.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownership.operator.admission.AdmissionHandler;
import dev.ownership.operator.config.OperatorSettings;
import dev.ownership.operator.controller.ClusterCache;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.testing.Manifests;
import dev.ownership.operator.testing.TestSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An exempt namespace is {@code off} everywhere it is shown: the enforcement gauge and the
 * admission counter read the one mode rule, so they cannot disagree (they once said {@code off} and
 * {@code warn}). The operator's own namespace is exempt even when labelled {@code enforce}.
 */
@EnableKubernetesMockClient(crud = true)
class ExemptNamespaceModeTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String EXEMPT = TestSettings.OPERATOR_NAMESPACE;
  static final Map<String, String> ENFORCE = Map.of("ownership.dev/enforcement", "enforce");

  KubernetesClient client;
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private ClusterCache cache;

  @AfterEach
  void stop() {
    if (cache != null) cache.close();
  }

  @Test
  void anExemptNamespaceLabelledEnforceIsOffInTheGaugeAndInTheAdmissionCounter() throws Exception {
    client.resource(Manifests.namespace(EXEMPT, ENFORCE)).create();
    client.resource(Manifests.namespace("shop", ENFORCE)).create();
    OperatorSettings settings = TestSettings.of(EnforcementMode.WARN);
    cache = new ClusterCache(client, Set.of());
    cache.start(Duration.ofSeconds(30));

    new NamespaceModePublisher(
            cache, settings.enforcementRule(), new NamespaceEnforcementGauges(registry))
        .activate();
    AdmissionHandler handler =
        AdmissionHandler.of(
            new OwnerResolver(settings.ownerLabelKeys()),
            cache,
            settings.admission(),
            new AdmissionMetrics(registry));
    JsonNode exempt = answer(handler, EXEMPT);
    JsonNode shop = answer(handler, "shop");

    PrometheusSamples samples = PrometheusSamples.parse(registry.scrape());
    assertThat(samples.series("ownership_namespace_enforcement"))
        .containsOnly(
            entry("mode=off,namespace=" + EXEMPT, 1.0), entry("mode=enforce,namespace=shop", 1.0));
    assertThat(samples.series("ownership_admission_reviews_total"))
        .containsOnly(
            entry("decision=exempt,kind=Deployment,mode=off,operation=CREATE", 1.0),
            entry("decision=denied,kind=Deployment,mode=enforce,operation=CREATE", 1.0));
    assertThat(exempt.path("allowed").asBoolean()).isTrue();
    assertThat(exempt.has("warnings")).as("exempt: not even a warning").isFalse();
    assertThat(shop.path("allowed").asBoolean()).isFalse();
  }

  /** The webhook's answer to creating an unowned Deployment in {@code namespace}. */
  private static JsonNode answer(AdmissionHandler handler, String namespace) throws Exception {
    String object =
        JSON.writeValueAsString(
            Map.of(
                "apiVersion",
                "apps/v1",
                "kind",
                "Deployment",
                "metadata",
                Map.of("name", "cart", "namespace", namespace),
                "spec",
                Map.of("template", Map.of("metadata", Map.of("labels", Map.of())))));
    String review =
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{"
            + "\"uid\":\"u-"
            + namespace
            + "\",\"kind\":{\"group\":\"apps\",\"version\":\"v1\",\"kind\":\"Deployment\"},"
            + "\"resource\":{\"group\":\"apps\",\"version\":\"v1\",\"resource\":\"deployments\"},"
            + "\"operation\":\"CREATE\",\"namespace\":\""
            + namespace
            + "\",\"name\":\"cart\",\"object\":"
            + object
            + "}}";
    var result = handler.handle(review.getBytes(StandardCharsets.UTF_8));
    assertThat(result.httpStatus()).isEqualTo(200);
    return JSON.readTree(result.body()).path("response");
  }
}
