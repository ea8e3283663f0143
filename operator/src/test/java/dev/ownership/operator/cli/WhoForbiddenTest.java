package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.testing.Controllers;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceListBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

/**
 * {@code who} where RBAC says no: the mock (in expectation mode) answers 403 with the Status a real
 * API server sends, and who must name the missing permission in one line.
 */
@EnableKubernetesMockClient
class WhoForbiddenTest {
  KubernetesMockServer server;
  KubernetesClient client;

  WhoCommandTest.Run who(String... args) {
    return WhoCommandTest.who(client, args);
  }

  static Status forbidden(String message) {
    return new StatusBuilder()
        .withStatus("Failure")
        .withReason("Forbidden")
        .withCode(403)
        .withMessage(message)
        .build();
  }

  @Test
  void aForbiddenGetNamesVerbResourceAndNamespaceInOneLine() {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/shop/pods/checkout-1")
        .andReturn(
            403,
            forbidden(
                "pods \"checkout-1\" is forbidden: User \"bob@example.com\" cannot get resource"
                    + " \"pods\" in API group \"\" in the namespace \"shop\""))
        .always();

    WhoCommandTest.Run run = who("pod/checkout-1", "-n", "shop");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "error: forbidden: User \"bob@example.com\" may not get pods in namespace shop; the"
                + " ClusterRole ownership-viewer (aggregated into view) grants what who reads\n");
    WhoCommandTest.Run verbose = who("pod/checkout-1", "-n", "shop", "--verbose");
    assertThat(verbose.err()).startsWith(run.err()).contains("KubernetesClientException");
  }

  @Test
  void aForbiddenStepUpTheChainNamesThatResource() {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/shop/pods/checkout-1")
        .andReturn(
            200,
            new PodBuilder()
                .withNewMetadata()
                .withName("checkout-1")
                .withNamespace("shop")
                .withOwnerReferences(
                    Controllers.controller(
                        new ReplicaSetBuilder()
                            .withNewMetadata()
                            .withName("checkout-7d4")
                            .withUid("u1")
                            .endMetadata()
                            .build()))
                .endMetadata()
                .build())
        .always();
    server
        .expect()
        .get()
        .withPath("/apis/apps/v1/namespaces/shop/replicasets/checkout-7d4")
        .andReturn(
            403,
            forbidden(
                "replicasets.apps \"checkout-7d4\" is forbidden: User \"bob\" cannot get resource"
                    + " \"replicasets\" in API group \"apps\" in the namespace \"shop\""))
        .always();

    WhoCommandTest.Run run = who("pod/checkout-1", "-n", "shop");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "error: forbidden: User \"bob\" may not get replicasets.apps in namespace shop;");
  }

  @Test
  void anUnusualForbiddenMessageFallsBackOnTheRequestThatWasRefused() {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/shop/services/web")
        .andReturn(403, forbidden("access denied by policy"))
        .always();

    WhoCommandTest.Run run = who("svc/web", "-n", "shop");

    assertThat(run.err()).startsWith("error: forbidden: may not get services in namespace shop;");
  }

  @Test
  void teamSearchesTheCurrentNamespaceWhenNamespacesCannotBeListedAndSaysSo() {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces")
        .andReturn(
            403,
            forbidden(
                "namespaces is forbidden: User \"bob\" cannot list resource \"namespaces\" in API"
                    + " group \"\" at the cluster scope"))
        .always();
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/shop")
        .andReturn(
            200, new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build())
        .always();
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces?labelSelector=x")
        .andReturn(200, new NamespaceListBuilder().build())
        .always();

    WhoCommandTest.Run run = who("--team", "payments", "-n", "shop");

    assertThat(run.err())
        .contains(
            "note: forbidden: User \"bob\" may not list namespaces at the cluster scope; the"
                + " ClusterRole ownership-viewer (aggregated into view) grants what who reads;"
                + " searched only namespace shop");
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
