package dev.ownership.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ownership.operator.OwnershipOperator;
import dev.ownership.operator.deploy.Kustomize.Rendered;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.Manifests;
import dev.ownership.operator.testing.MockCluster;
import dev.ownership.operator.testing.NeedsTool;
import dev.ownership.operator.testing.TestSettings;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The series of deploy/prometheus/tests/clean-install.yml (the promtool test that no alert fires on
 * a clean install) are the ones the operator really exports there: the operator runs on the CRUD
 * mock holding a new cluster's namespaces and system workloads plus what deploy/default renders,
 * and its ownership series must equal the leader's series of that file.
 */
@EnableKubernetesMockClient(crud = true)
class CleanInstallSeriesTest {
  static final Set<String> OWNERSHIP_SERIES =
      Set.of(
          "ownership_workloads",
          "ownership_coverage_ratio",
          "ownership_cluster_coverage_ratio",
          "ownership_team_workloads",
          "ownership_namespace_enforcement",
          "ownership_leader",
          "ownership_unregistered_team_workloads",
          "ownership_team_review_due");
  static final String LEADER = "10.0.0.1:8080";
  static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?$");
  static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");
  static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?)\\s+(\\S+)$", Pattern.MULTILINE);

  KubernetesMockServer server;
  KubernetesClient client;
  OwnershipOperator operator;

  @AfterEach
  void stop() {
    if (operator != null) operator.close();
  }

  /** {@code name{k="v",...}} with the labels sorted and job/instance left out. */
  static String key(String series) {
    Matcher m = SERIES.matcher(series.trim());
    assertThat(m.matches()).as(series).isTrue();
    Map<String, String> labels = new TreeMap<>();
    if (m.group(2) != null) {
      Matcher l = LABEL.matcher(m.group(2));
      while (l.find()) labels.put(l.group(1), l.group(2));
    }
    labels.remove("job");
    labels.remove("instance");
    return m.group(1) + labels;
  }

  /** The leader's ownership series of clean-install.yml, each with its first value. */
  static Map<String, Double> fromPromtoolTest() throws Exception {
    JsonNode tests =
        new ObjectMapper(new YAMLFactory())
            .readTree(
                Kustomize.REPO_ROOT.resolve("deploy/prometheus/tests/clean-install.yml").toFile())
            .get("tests");
    Map<String, Double> series = new TreeMap<>();
    for (JsonNode input : tests.get(0).path("input_series")) {
      String name = input.path("series").asText();
      String metric = name.replaceAll("\\{.*", "");
      if (!OWNERSHIP_SERIES.contains(metric) || !name.contains("instance=\"" + LEADER + "\""))
        continue;
      series.put(key(name), Double.parseDouble(input.path("values").asText().split("x")[0]));
    }
    return series;
  }

  Map<String, Double> scraped() {
    Map<String, Double> series = new TreeMap<>();
    Matcher m = SAMPLE.matcher(operator.registry().scrape());
    while (m.find()) {
      String metric = m.group(1).replaceAll("\\{.*", "");
      if (OWNERSHIP_SERIES.contains(metric))
        series.put(key(m.group(1)), Double.valueOf(m.group(2)));
    }
    return series;
  }

  @Test
  @NeedsTool({"kubectl"})
  void thePromtoolTestHasTheSeriesTheOperatorExportsOnACleanInstall() throws Exception {
    new MockCluster(server, client).withCrd();
    // A new cluster: its namespaces, and the system workloads of kube-system, none with an owner.
    for (String ns : new String[] {"default", "kube-system", "kube-public", "kube-node-lease"}) {
      client.resource(Manifests.namespace(ns, Map.of())).create();
    }
    for (var system :
        Map.of("coredns", WorkloadKind.DEPLOYMENT, "kube-proxy", WorkloadKind.DAEMONSET)
            .entrySet()) {
      Map<String, String> app = Map.of("k8s-app", system.getKey());
      client
          .resource(Manifests.workload(system.getValue(), "kube-system", system.getKey(), app, app))
          .create();
    }
    // The install: the Namespace and the Deployment exactly as deploy/default renders them.
    Rendered install = Kustomize.render("deploy/default");
    JsonNode deployment = install.get("Deployment", DeployManifestsTest.APP);
    String operatorNamespace = deployment.at("/metadata/namespace").asText();
    var serialization = client.getKubernetesSerialization();
    client
        .resource(
            serialization.convertValue(
                install.get("Namespace", operatorNamespace), Namespace.class))
        .create();
    client.resource(serialization.convertValue(deployment, Deployment.class)).create();

    operator = OwnershipOperator.start(TestSettings.defaults(), client, false);
    Map<String, Double> expected = fromPromtoolTest();
    assertThat(expected).isNotEmpty();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Map<String, Double> actual = scraped();
              assertThat(actual.keySet()).isEqualTo(expected.keySet());
              actual.forEach(
                  (series, value) ->
                      assertThat(value).as(series).isCloseTo(expected.get(series), within()));
            });
  }

  static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.001);
  }
}
