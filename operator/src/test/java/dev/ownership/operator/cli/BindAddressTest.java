package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.OwnershipOperator;
import dev.ownership.operator.testing.ListeningSockets;
import dev.ownership.operator.testing.MockApiServer;
import dev.ownership.operator.testing.MockCluster;
import dev.ownership.operator.testing.TestSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --bind-address} reaches every server: with 127.0.0.1 the metrics, catalog and webhook
 * sockets listen on the loopback address only, as the kernel reports them (not as the servers say).
 */
@MockApiServer
class BindAddressTest {
  static final InetAddress LOOPBACK = loopback();

  KubernetesMockServer server;
  KubernetesClient client;

  @TempDir Path tls;

  @Test
  void everyServerListensOnlyOnTheBindAddress() throws Exception {
    new MockCluster(server, client).withCrd();
    try (OwnershipOperator operator =
        OwnershipOperator.start(
            TestSettings.allServersOn("127.0.0.1", freePort(), tls), client, false)) {
      Map<String, Integer> ports =
          Map.of(
              "metrics", operator.metricsPort(),
              "catalog", operator.catalogPort(),
              "webhook", operator.webhookPort());
      ports.forEach(
          (server, port) -> {
            assertThat(port).as(server + " port").isPositive();
            assertThat(ListeningSockets.addresses(port))
                .as(server + " server's listening addresses")
                .isNotEmpty()
                .containsOnly(LOOPBACK);
          });
    }
  }

  /** The check can tell: a socket on every interface shows the wildcard address. */
  @Test
  void aSocketOnEveryInterfaceShowsTheWildcardAddress() throws Exception {
    try (ServerSocket any = new ServerSocket(0)) {
      assertThat(ListeningSockets.addresses(any.getLocalPort()))
          .isNotEmpty()
          .allMatch(InetAddress::isAnyLocalAddress);
    }
    try (ServerSocket loopback = new ServerSocket(0, 50, LOOPBACK)) {
      assertThat(ListeningSockets.addresses(loopback.getLocalPort())).containsOnly(LOOPBACK);
    }
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket probe = new ServerSocket(0, 50, LOOPBACK)) {
      return probe.getLocalPort();
    }
  }
}
