package dev.ownership.operator.deploy;

import static dev.ownership.operator.deploy.DeployManifestsTest.containerPort;
import static dev.ownership.operator.deploy.DeployManifestsTest.onlyContainer;
import static dev.ownership.operator.deploy.DeployManifestsTest.selects;
import static dev.ownership.operator.deploy.DeployManifestsTest.settingsOf;
import static dev.ownership.operator.deploy.DeployManifestsTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.operator.config.OperatorSettings;
import dev.ownership.operator.deploy.Kustomize.Rendered;
import dev.ownership.operator.testing.NeedsTool;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/network-policy: admits the API server to the webhook port and Prometheus to the metrics
 * port of the operator's pods and nothing else, and cannot be applied before the API server's
 * addresses are set.
 */
@NeedsTool({"kubectl"})
class NetworkPolicyTest {
  static final Pattern CIDR =
      Pattern.compile("([0-9]{1,3}\\.){3}[0-9]{1,3}/[0-9]{1,2}|[0-9a-fA-F:]+/[0-9]{1,3}");
  static Rendered policyDir;
  static JsonNode deployment;

  @BeforeAll
  static void render() throws Exception {
    policyDir = Kustomize.render("deploy/network-policy");
    deployment = Kustomize.render("deploy/default").get("Deployment", DeployManifestsTest.APP);
  }

  static JsonNode policy() {
    assertThat(policyDir.objects()).hasSize(1);
    return policyDir.get("NetworkPolicy", DeployManifestsTest.APP);
  }

  @Test
  void selectsTheOperatorsPodsInItsNamespaceForIngressOnly() {
    JsonNode policy = policy();
    assertThat(policy.at("/metadata/namespace").asText())
        .isEqualTo(deployment.at("/metadata/namespace").asText());
    assertThat(selects(policy.at("/spec/podSelector/matchLabels"), deployment)).isTrue();
    assertThat(policy.at("/spec/podSelector/matchExpressions").isMissingNode()).isTrue();
    assertThat(texts(policy.at("/spec/policyTypes"))).containsExactly("Ingress");
  }

  @Test
  void admitsTheWebhookPortFromAnAddressBlockAndTheMetricsPortFromPrometheus() {
    JsonNode ingress = policy().at("/spec/ingress");
    assertThat(ingress).hasSize(2);
    JsonNode container = onlyContainer(deployment);
    OperatorSettings settings = settingsOf(deployment);

    JsonNode webhook = ingress.get(0);
    assertThat(webhook.path("ports")).hasSize(1);
    assertThat(containerPort(container, webhook.at("/ports/0/port")))
        .isEqualTo(settings.webhookPort());
    assertThat(webhook.path("from")).hasSize(1);
    assertThat(webhook.at("/from/0").has("ipBlock")).isTrue();
    assertThat(webhook.at("/from/0").size()).as("nothing but the ipBlock").isEqualTo(1);

    JsonNode metrics = ingress.get(1);
    assertThat(metrics.path("ports")).hasSize(1);
    assertThat(containerPort(container, metrics.at("/ports/0/port")))
        .isEqualTo(settings.metricsPort());
    JsonNode prometheus = metrics.at("/from/0");
    assertThat(metrics.path("from")).hasSize(1);
    assertThat(
            prometheus.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
        .isEqualTo("monitoring");
    assertThat(prometheus.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText())
        .isEqualTo("prometheus");
  }

  @Test
  void shippedCidrIsAPlaceholderTheApiServerRefuses() {
    String cidr = policy().at("/spec/ingress/0/from/0/ipBlock/cidr").asText();
    assertThat(cidr).isNotEmpty();
    assertThat(CIDR.matcher(cidr).matches()).as(cidr + " is not a CIDR").isFalse();
  }

  @Test
  void theOverlayOfTheDocsSetsAValidCidr() throws Exception {
    String overlay = InstallDocs.overlayAfterResources("my-network-policy/kustomization.yaml");
    Rendered rendered = Kustomize.renderOverlay("network-policy", "deploy/network-policy", overlay);
    JsonNode policy = rendered.get("NetworkPolicy", DeployManifestsTest.APP);
    String cidr = policy.at("/spec/ingress/0/from/0/ipBlock/cidr").asText();
    assertThat(CIDR.matcher(cidr).matches()).as(cidr).isTrue();
    assertThat(policy.at("/spec/ingress/1")).isEqualTo(policy().at("/spec/ingress/1"));
  }
}
