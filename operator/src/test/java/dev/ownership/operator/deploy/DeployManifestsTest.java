package dev.ownership.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.operator.cli.OwnershipCli;
import dev.ownership.operator.cli.RunCommand;
import dev.ownership.operator.config.OperatorSettings;
import dev.ownership.operator.deploy.Kustomize.Rendered;
import dev.ownership.operator.deploy.OperatorPermissions.Grant;
import dev.ownership.operator.testing.NeedsTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Renders every kustomize entry point with {@code kubectl kustomize} and checks the objects a
 * cluster would receive: RBAC exactly as {@link OperatorPermissions}, ports and paths consistent
 * between the Deployment, its flags (parsed by the real {@code run} command), the Services and the
 * webhook configuration, and the restricted security context.
 */
@NeedsTool({"kubectl"})
class DeployManifestsTest {
  static final String NS = "ownership-system";
  static final String APP = "ownership-operator";
  static Rendered base;
  static Rendered managed;
  static Rendered certManager;

  @BeforeAll
  static void render() throws Exception {
    base = Kustomize.render("deploy/base");
    managed = Kustomize.render("deploy/default");
    certManager = Kustomize.render("deploy/overlays/cert-manager");
  }

  static Rendered rendered(String entryPoint) {
    return switch (entryPoint) {
      case "deploy/base" -> base;
      case "deploy/default" -> managed;
      case "deploy/overlays/cert-manager" -> certManager;
      default -> throw new IllegalArgumentException(entryPoint);
    };
  }

  @Test
  void rbacOfTheDefaultInstallIsExactlyTheExpectedTableWithManagedCertificates() {
    assertThat(grants(managed))
        .containsExactlyInAnyOrderElementsOf(OperatorPermissions.expected(true));
  }

  @Test
  void rbacWithCertManagerOrBaseLeavesOutSecretsAndWebhookConfigurations() {
    assertThat(grants(certManager))
        .containsExactlyInAnyOrderElementsOf(OperatorPermissions.expected(false));
    assertThat(grants(base))
        .containsExactlyInAnyOrderElementsOf(OperatorPermissions.expected(false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy/base", "deploy/default", "deploy/overlays/cert-manager"})
  void includesTheCommittedCrd(String entryPoint) throws Exception {
    JsonNode committed =
        Kustomize.parse(
                Files.readString(
                    Kustomize.REPO_ROOT.resolve("crds/serviceownerships.ownership.dev-v1.yml")))
            .get(0);
    JsonNode crd =
        rendered(entryPoint).get("CustomResourceDefinition", "serviceownerships.ownership.dev");
    // kubectl writes 100.0 as 100: compare numbers by value.
    assertThat(numbersAsDoubles(crd.get("spec")).equals(numbersAsDoubles(committed.get("spec"))))
        .as(entryPoint + " renders the CRD of crds/ unchanged")
        .isTrue();
    assertThat(rendered(entryPoint).get("Namespace", NS)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy/base", "deploy/default", "deploy/overlays/cert-manager"})
  void deploymentRunsTwoRestrictedReplicasWithLeaderElection(String entryPoint) {
    JsonNode deployment = rendered(entryPoint).get("Deployment", APP);
    assertThat(deployment.at("/metadata/namespace").asText()).isEqualTo(NS);
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
    JsonNode pod = deployment.at("/spec/template/spec");
    assertThat(deployment.at("/spec/template/metadata/labels/app.kubernetes.io~1name").asText())
        .isEqualTo(APP);
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo(APP);
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    JsonNode container = onlyContainer(deployment);
    JsonNode security = container.path("securityContext");
    assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(security.path("allowPrivilegeEscalation").isBoolean()).isTrue();
    assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(texts(security.at("/capabilities/drop"))).containsExactly("ALL");
    assertThat(security.at("/capabilities/add").isMissingNode()).isTrue();
    assertThat(security.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    assertThat(pod.path("hostNetwork").asBoolean(false)).isFalse();

    OperatorSettings settings = settingsOf(deployment);
    assertThat(settings.leaderElection()).isTrue();
    assertThat(settings.leaseName()).isEqualTo("ownership-operator-leader");
    assertThat(env(container, "POD_NAMESPACE").at("/valueFrom/fieldRef/fieldPath").asText())
        .isEqualTo("metadata.namespace");
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy/base", "deploy/default", "deploy/overlays/cert-manager"})
  void memoryLimitLeavesRoomAboveAHeapOfAbout512MiB(String entryPoint) {
    JsonNode container = onlyContainer(rendered(entryPoint).get("Deployment", APP));
    long limit = mebibytes(container.at("/resources/limits/memory").asText());
    assertThat(limit).isEqualTo(768);
    assertThat(mebibytes(container.at("/resources/requests/memory").asText())).isEqualTo(limit);
    assertThat(container.at("/resources/requests/cpu").asText()).isNotEmpty();
    Matcher percent =
        Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)")
            .matcher(env(container, "JAVA_TOOL_OPTIONS").path("value").asText());
    assertThat(percent.find()).as("JAVA_TOOL_OPTIONS sets -XX:MaxRAMPercentage").isTrue();
    double heap = limit * Double.parseDouble(percent.group(1)) / 100;
    assertThat(heap).isBetween(480.0, 540.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy/base", "deploy/default", "deploy/overlays/cert-manager"})
  void probesHitHealthzAndReadyzOnTheMetricsPort(String entryPoint) {
    JsonNode deployment = rendered(entryPoint).get("Deployment", APP);
    JsonNode container = onlyContainer(deployment);
    int metricsPort = settingsOf(deployment).metricsPort();
    assertThat(metricsPort).isEqualTo(8080);
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(containerPort(container, container.at("/livenessProbe/httpGet/port")))
        .isEqualTo(metricsPort);
    assertThat(containerPort(container, container.at("/readinessProbe/httpGet/port")))
        .isEqualTo(metricsPort);

    JsonNode metrics = rendered(entryPoint).get("Service", "ownership-operator-metrics");
    JsonNode port = metrics.at("/spec/ports/0");
    assertThat(port.path("name").asText()).isEqualTo("metrics");
    assertThat(port.path("port").asInt()).isEqualTo(8080);
    assertThat(containerPort(container, port.path("targetPort"))).isEqualTo(metricsPort);
    assertThat(selects(metrics.at("/spec/selector"), deployment)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy/base", "deploy/default", "deploy/overlays/cert-manager"})
  void webhookServiceAndConfigurationReachTheServer(String entryPoint) {
    Rendered r = rendered(entryPoint);
    JsonNode deployment = r.get("Deployment", APP);
    JsonNode container = onlyContainer(deployment);
    OperatorSettings settings = settingsOf(deployment);
    assertThat(settings.webhookPort()).isEqualTo(8443);

    JsonNode service = r.get("Service", "ownership-webhook");
    assertThat(service.at("/metadata/namespace").asText()).isEqualTo(NS);
    JsonNode port = service.at("/spec/ports/0");
    assertThat(port.path("name").asText()).isEqualTo("webhook");
    assertThat(port.path("port").asInt()).isEqualTo(443);
    assertThat(containerPort(container, port.path("targetPort"))).isEqualTo(settings.webhookPort());
    assertThat(selects(service.at("/spec/selector"), deployment)).isTrue();

    JsonNode configuration = r.get("ValidatingWebhookConfiguration", "ownership-operator");
    assertThat(configuration.path("webhooks")).hasSize(1);
    JsonNode webhook = configuration.at("/webhooks/0");
    assertThat(webhook.path("name").asText()).isEqualTo("workloads.ownership.dev");
    JsonNode target = webhook.at("/clientConfig/service");
    assertThat(target.path("name").asText()).isEqualTo("ownership-webhook");
    assertThat(target.path("namespace").asText()).isEqualTo(NS);
    assertThat(target.path("port").asInt()).isEqualTo(port.path("port").asInt());
    assertThat(target.path("path").asText()).isEqualTo("/validate");
    assertThat(webhook.at("/clientConfig/url").isMissingNode()).isTrue();
    assertThat(texts(webhook.path("admissionReviewVersions"))).containsExactly("v1");
    assertThat(webhook.path("sideEffects").asText()).isEqualTo("None");
    assertThat(webhook.path("timeoutSeconds").asInt()).isEqualTo(3);
    assertThat(webhook.path("failurePolicy").asText()).isEqualTo("Ignore");
    assertThat(webhook.path("matchPolicy").asText()).isEqualTo("Equivalent");

    Set<String> rules = new HashSet<>();
    for (JsonNode rule : webhook.path("rules")) {
      assertThat(texts(rule.path("operations"))).containsExactlyInAnyOrder("CREATE", "UPDATE");
      for (String group : texts(rule.path("apiGroups"))) {
        for (String resource : texts(rule.path("resources"))) rules.add(group + "/" + resource);
      }
    }
    assertThat(rules)
        .containsExactlyInAnyOrder(
            "apps/deployments",
            "apps/statefulsets",
            "apps/daemonsets",
            "batch/jobs",
            "batch/cronjobs",
            "ownership.dev/serviceownerships");

    List<String> selector = new ArrayList<>();
    for (JsonNode expression : webhook.at("/namespaceSelector/matchExpressions")) {
      selector.add(
          expression.path("key").asText()
              + " "
              + expression.path("operator").asText()
              + " "
              + texts(expression.path("values")));
    }
    assertThat(selector)
        .containsExactlyInAnyOrder(
            "kubernetes.io/metadata.name NotIn [kube-system, kube-public, kube-node-lease,"
                + " ownership-system]",
            "ownership.dev/enforcement NotIn [off]");
    assertThat(webhook.at("/namespaceSelector/matchLabels").isMissingNode()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy/base", "deploy/default", "deploy/overlays/cert-manager"})
  void startupProbeWaitsForTheJvmAndTheCachesBeforeLivenessCounts(String entryPoint) {
    JsonNode deployment = rendered(entryPoint).get("Deployment", APP);
    JsonNode container = onlyContainer(deployment);
    JsonNode startup = container.path("startupProbe");
    assertThat(startup.at("/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(containerPort(container, startup.at("/httpGet/port")))
        .isEqualTo(settingsOf(deployment).metricsPort());
    // The operator gives up on syncing its informers after 5 minutes (and says so in its log):
    // the probe must not kill it earlier, nor leave a hung JVM running for much longer.
    long budget =
        startup.path("periodSeconds").asLong() * startup.path("failureThreshold").asLong();
    assertThat(budget).isBetween(300L, 600L);
    // Liveness and readiness start only once the startup probe passed: no guessed initial delay.
    assertThat(container.at("/livenessProbe/initialDelaySeconds").asInt(0)).isZero();
    assertThat(container.at("/livenessProbe/failureThreshold").asInt()).isGreaterThanOrEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy/base", "deploy/default", "deploy/overlays/cert-manager"})
  void runsAsSystemClusterCriticalWithAQuotaThatAdmitsItsPods(String entryPoint) {
    Rendered r = rendered(entryPoint);
    JsonNode deployment = r.get("Deployment", APP);
    String priorityClass = deployment.at("/spec/template/spec/priorityClassName").asText();
    assertThat(priorityClass).isEqualTo("system-cluster-critical");
    String namespace = deployment.at("/metadata/namespace").asText();
    List<JsonNode> quotas =
        r.ofKind("ResourceQuota").stream()
            .filter(q -> q.at("/metadata/namespace").asText().equals(namespace))
            .filter(q -> coversPriorityClass(q, priorityClass))
            .toList();
    assertThat(quotas)
        .as("a ResourceQuota in %s scoped to %s", namespace, priorityClass)
        .hasSize(1);
    // Room for every replica twice over (a rollout's surge pod, pods still terminating).
    assertThat(Integer.parseInt(quotas.get(0).at("/spec/hard/pods").asText()))
        .isGreaterThanOrEqualTo(2 * deployment.at("/spec/replicas").asInt() + 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy/base", "deploy/default", "deploy/overlays/cert-manager"})
  void webhookSkipsRequestsOfTheOperatorsOwnServiceAccountAndNoOneElse(String entryPoint) {
    Rendered r = rendered(entryPoint);
    JsonNode deployment = r.get("Deployment", APP);
    String namespace = deployment.at("/metadata/namespace").asText();
    String account = deployment.at("/spec/template/spec/serviceAccountName").asText();
    assertThat(r.get("ServiceAccount", account).at("/metadata/namespace").asText())
        .isEqualTo(namespace);
    String operator = "system:serviceaccount:" + namespace + ":" + account;

    JsonNode conditions =
        r.get("ValidatingWebhookConfiguration", "ownership-operator")
            .at("/webhooks/0/matchConditions");
    assertThat(conditions).hasSize(1);
    String expression = conditions.get(0).path("expression").asText();
    assertThat(expression).contains("'" + namespace + "'").contains("'" + account + "'");
    assertThat(calls(expression, operator)).as("the operator's own request").isFalse();
    for (String other :
        List.of(
            "system:serviceaccount:" + namespace + ":default",
            "system:serviceaccount:other:" + account,
            "system:serviceaccount:" + namespace + ":" + account + "-2",
            "kubernetes-admin",
            "system:kube-controller-manager")) {
      assertThat(calls(expression, other)).as(other).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy/base", "deploy/default", "deploy/overlays/cert-manager"})
  void imageIsAPlaceholderTheKubeletRefusesAtOnce(String entryPoint) {
    String image = image(rendered(entryPoint));
    assertThat(image).isEqualTo(image(base));
    // Not a valid image reference (a repository name must be lowercase; without a "/" there is no
    // registry host to hide the capitals in): the kubelet reports InvalidImageName at once.
    assertThat(image).isNotEqualTo(image.toLowerCase(java.util.Locale.ROOT)).doesNotContain("/");
  }

  static String image(Rendered r) {
    return onlyContainer(r.get("Deployment", APP)).path("image").asText();
  }

  static boolean calls(String matchCondition, String username) {
    return AdmissionCel.test(
        matchCondition,
        new AdmissionCel.Request("UPDATE", username, List.of("system:authenticated"), null, null)
            .bindings());
  }

  static boolean coversPriorityClass(JsonNode quota, String priorityClass) {
    for (JsonNode expression : quota.at("/spec/scopeSelector/matchExpressions")) {
      if (expression.path("scopeName").asText().equals("PriorityClass")
          && expression.path("operator").asText().equals("In")
          && texts(expression.path("values")).contains(priorityClass)) return true;
    }
    return false;
  }

  @Test
  void defaultManagesItsOwnCertificateOnAnEmptyDir() {
    JsonNode deployment = managed.get("Deployment", APP);
    OperatorSettings settings = settingsOf(deployment);
    assertThat(settings.manageWebhookCerts()).isTrue();
    assertThat(settings.webhookSecretName()).isEqualTo("ownership-webhook-tls");
    assertThat(settings.webhookServiceName()).isEqualTo("ownership-webhook");
    assertThat(settings.webhookConfigurationName()).isEqualTo("ownership-operator");
    assertThat(settings.tlsCertFile()).isEqualTo(Path.of("/etc/ownership/tls/tls.crt"));
    assertThat(settings.tlsKeyFile()).isEqualTo(Path.of("/etc/ownership/tls/tls.key"));
    JsonNode volume = tlsVolume(deployment);
    assertThat(volume.has("emptyDir")).isTrue();
    assertThat(volume.has("secret")).isFalse();
    assertThat(
            managed
                .get("ValidatingWebhookConfiguration", "ownership-operator")
                .at("/metadata/annotations")
                .isMissingNode())
        .isTrue();
  }

  @Test
  void certManagerOverlayMountsTheIssuedSecretAndInjectsTheCa() {
    JsonNode deployment = certManager.get("Deployment", APP);
    OperatorSettings settings = settingsOf(deployment);
    assertThat(settings.manageWebhookCerts()).isFalse();
    assertThat(texts(onlyContainer(deployment).path("args")))
        .noneMatch(a -> a.startsWith("--manage-webhook-certs"));
    assertThat(settings.tlsCertFile()).isEqualTo(Path.of("/etc/ownership/tls/tls.crt"));

    JsonNode certificate = certManager.get("Certificate", "ownership-webhook");
    assertThat(certificate.at("/metadata/namespace").asText()).isEqualTo(NS);
    JsonNode volume = tlsVolume(deployment);
    assertThat(volume.has("emptyDir")).isFalse();
    assertThat(volume.at("/secret/secretName").asText())
        .isEqualTo("ownership-webhook-tls")
        .isEqualTo(certificate.at("/spec/secretName").asText());
    assertThat(texts(certificate.at("/spec/dnsNames")))
        .contains("ownership-webhook.ownership-system.svc");
    JsonNode issuer = certManager.get("Issuer", certificate.at("/spec/issuerRef/name").asText());
    assertThat(issuer.at("/metadata/namespace").asText()).isEqualTo(NS);

    JsonNode configuration =
        certManager.get("ValidatingWebhookConfiguration", "ownership-operator");
    assertThat(configuration.at("/metadata/annotations/cert-manager.io~1inject-ca-from").asText())
        .isEqualTo(NS + "/" + certificate.at("/metadata/name").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy/base", "deploy/default", "deploy/overlays/cert-manager"})
  void disruptionBudgetKeepsOneReplica(String entryPoint) {
    JsonNode budget = rendered(entryPoint).get("PodDisruptionBudget", APP);
    assertThat(budget.at("/metadata/namespace").asText()).isEqualTo(NS);
    assertThat(budget.at("/spec/minAvailable").asInt()).isEqualTo(1);
    assertThat(
            selects(
                budget.at("/spec/selector/matchLabels"),
                rendered(entryPoint).get("Deployment", APP)))
        .isTrue();
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Every grant the rendered RBAC gives the operator's ServiceAccount. */
  static Set<Grant> grants(Rendered r) {
    Set<Grant> grants = new HashSet<>();
    for (JsonNode binding : concat(r.ofKind("ClusterRoleBinding"), r.ofKind("RoleBinding"))) {
      boolean forOperator = false;
      for (JsonNode subject : binding.path("subjects")) {
        forOperator |=
            subject.path("kind").asText().equals("ServiceAccount")
                && subject.path("name").asText().equals(APP)
                && subject.path("namespace").asText().equals(NS);
      }
      if (!forOperator) continue;
      boolean clusterBinding = binding.path("kind").asText().equals("ClusterRoleBinding");
      String scope =
          clusterBinding ? OperatorPermissions.CLUSTER : binding.at("/metadata/namespace").asText();
      String roleKind = binding.at("/roleRef/kind").asText();
      String roleName = binding.at("/roleRef/name").asText();
      JsonNode role =
          roleKind.equals("ClusterRole")
              ? r.get("ClusterRole", roleName)
              : r.ofKind("Role").stream()
                  .filter(
                      x ->
                          x.at("/metadata/name").asText().equals(roleName)
                              && x.at("/metadata/namespace").asText().equals(scope))
                  .findFirst()
                  .orElseThrow(
                      () -> new AssertionError("RoleBinding refers to missing Role " + roleName));
      for (JsonNode rule : role.path("rules")) {
        assertThat(rule.has("nonResourceURLs")).isFalse();
        List<String> names =
            rule.has("resourceNames") ? texts(rule.path("resourceNames")) : List.of("");
        for (String group : texts(rule.path("apiGroups"))) {
          for (String resource : texts(rule.path("resources"))) {
            for (String verb : texts(rule.path("verbs"))) {
              for (String name : names) grants.add(new Grant(scope, group, resource, name, verb));
            }
          }
        }
      }
    }
    assertThat(grants)
        .as("no wildcards")
        .noneMatch(
            g -> g.apiGroup().equals("*") || g.resource().equals("*") || g.verb().equals("*"));
    return grants;
  }

  static OperatorSettings settingsOf(JsonNode deployment) {
    CommandLine cli = OwnershipCli.commandLine();
    CommandLine.ParseResult parsed =
        cli.parseArgs(texts(onlyContainer(deployment).path("args")).toArray(String[]::new));
    assertThat(parsed.subcommand()).as("the container runs the run command").isNotNull();
    assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("run");
    RunCommand run = (RunCommand) parsed.subcommand().commandSpec().userObject();
    return run.settings();
  }

  static JsonNode onlyContainer(JsonNode deployment) {
    JsonNode containers = deployment.at("/spec/template/spec/containers");
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  static JsonNode tlsVolume(JsonNode deployment) {
    JsonNode container = onlyContainer(deployment);
    String volumeName = null;
    for (JsonNode mount : container.path("volumeMounts")) {
      if (mount.path("mountPath").asText().equals("/etc/ownership/tls"))
        volumeName = mount.path("name").asText();
    }
    assertThat(volumeName).as("a volume is mounted at /etc/ownership/tls").isNotNull();
    for (JsonNode volume : deployment.at("/spec/template/spec/volumes")) {
      if (volume.path("name").asText().equals(volumeName)) return volume;
    }
    throw new AssertionError("no volume " + volumeName);
  }

  static JsonNode env(JsonNode container, String name) {
    for (JsonNode variable : container.path("env")) {
      if (variable.path("name").asText().equals(name)) return variable;
    }
    throw new AssertionError("no env " + name);
  }

  /** Resolves a probe or Service target port (number or name) to the container port number. */
  static int containerPort(JsonNode container, JsonNode port) {
    if (port.isInt()) return port.asInt();
    for (JsonNode declared : container.path("ports")) {
      if (declared.path("name").asText().equals(port.asText()))
        return declared.path("containerPort").asInt();
    }
    throw new AssertionError("the container declares no port named " + port.asText());
  }

  static boolean selects(JsonNode matchLabels, JsonNode deployment) {
    JsonNode labels = deployment.at("/spec/template/metadata/labels");
    assertThat(matchLabels.size()).isPositive();
    List<String> keys = new ArrayList<>();
    matchLabels.fieldNames().forEachRemaining(keys::add);
    return keys.stream()
        .allMatch(k -> matchLabels.path(k).asText().equals(labels.path(k).asText()));
  }

  static long mebibytes(String quantity) {
    assertThat(quantity).matches("[0-9]+(Mi|Gi)");
    long n = Long.parseLong(quantity.replaceAll("[^0-9]", ""));
    return quantity.endsWith("Gi") ? n * 1024 : n;
  }

  static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  static JsonNode numbersAsDoubles(JsonNode node) {
    if (node.isNumber())
      return com.fasterxml.jackson.databind.node.DoubleNode.valueOf(node.asDouble());
    if (node.isObject()) {
      com.fasterxml.jackson.databind.node.ObjectNode copy =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), numbersAsDoubles(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode copy =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
      node.forEach(e -> copy.add(numbersAsDoubles(e)));
      return copy;
    }
    return node;
  }

  private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
    List<JsonNode> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
