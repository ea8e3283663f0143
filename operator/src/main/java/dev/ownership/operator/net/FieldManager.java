package dev.ownership.operator.net;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.impl.BaseClient;
import io.fabric8.kubernetes.client.impl.KubernetesClientImpl;
import java.net.URI;
import java.util.Set;

/**
 * The field manager every write of the operator names, so that {@code managedFields} credit {@code
 * ownership-operator} instead of {@code fabric8-kubernetes-client}.
 *
 * <p>fabric8 7.5 puts a field manager only on PATCH requests (and only when asked), never on a
 * create (POST) or an update (PUT); JOSDK 5.2.3 passes its {@code fieldManager} only to its
 * server-side-apply patches, not to the JSON Patch it sends for {@code UpdateControl.patchStatus}
 * when SSA is off. So the parameter is added to the request itself: {@link #naming} gives a client
 * whose every POST, PUT and PATCH carries {@code fieldManager=ownership-operator}.
 */
public final class FieldManager {
  /** The name; the API server accepts up to 128 printable characters. */
  public static final String NAME = "ownership-operator";

  static final String PARAMETER = "fieldManager";
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH");
  private static final String INTERCEPTOR = "ownership-field-manager";

  private FieldManager() {}

  /**
   * A client sharing {@code client}'s connections, configuration and serialization whose writes
   * name {@link #NAME}. Never close it: it shares the HTTP client of {@code client} (closing one
   * closes both), and owns nothing else that needs closing; closing {@code client} ends both.
   */
  public static KubernetesClient naming(KubernetesClient client) {
    HttpClient http =
        client
            .getHttpClient()
            .newBuilder()
            .addOrReplaceInterceptor(INTERCEPTOR, new Naming())
            .build();
    Config config = client.getConfiguration();
    return new KubernetesClientImpl(
        http, config, BaseClient.DEFAULT_EXECUTOR_SUPPLIER, client.getKubernetesSerialization());
  }

  /**
   * {@code uri} with {@code fieldManager=ownership-operator} added, unless it names one already.
   */
  static URI withFieldManager(URI uri) {
    String query = uri.getRawQuery();
    if (query != null
        && (query.startsWith(PARAMETER + "=") || query.contains("&" + PARAMETER + "="))) {
      return uri;
    }
    String text = uri.toString();
    int fragment = text.indexOf('#');
    String head = fragment < 0 ? text : text.substring(0, fragment);
    String tail = fragment < 0 ? "" : text.substring(fragment);
    return URI.create(head + (query == null ? "?" : "&") + PARAMETER + "=" + NAME + tail);
  }

  private static final class Naming implements Interceptor {
    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      if (WRITES.contains(request.method())) builder.uri(withFieldManager(request.uri()));
    }
  }
}
