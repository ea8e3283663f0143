package dev.ownership.operator.demo;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Kubernetes API that lives in this process: fabric8's mock server in CRUD mode, on loopback.
 * Enough for the demo and for black-box tests; it is not a real API server (no admission, no
 * garbage collection, no field validation), but it applies JSON merge patches as one does.
 */
public final class InProcessApiServer implements AutoCloseable {
  private static final Logger QUIET = Logger.getLogger("io.fabric8.mockwebserver");
  private final KubernetesMockServer server;

  private InProcessApiServer(KubernetesMockServer server) {
    this.server = server;
  }

  public static InProcessApiServer start() {
    // The mock server logs every request at INFO through java.util.logging; that drowns the demo's
    // output.
    QUIET.setLevel(Level.WARNING);
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new MergePatchingCrudDispatcher(),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    return new InProcessApiServer(server);
  }

  public KubernetesClient newClient() {
    return server.createClient();
  }

  public String url() {
    return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
  }

  /** Installs a CRD from YAML so that the server knows its scope. */
  public void installCrd(KubernetesClient client, InputStream yaml) {
    CustomResourceDefinition crd =
        client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class);
    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
  }

  /** Writes a kubeconfig that points at this server, for processes started separately. */
  public Path writeKubeconfig(Path file) throws IOException {
    String config =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: in-process
          cluster:
            server: %s
        users:
        - name: in-process
          user:
            token: in-process
        contexts:
        - name: in-process
          context:
            cluster: in-process
            user: in-process
            namespace: default
        current-context: in-process
        """
            .formatted(url());
    Files.writeString(file, config);
    return file;
  }

  @Override
  public void close() {
    server.destroy();
  }
}
