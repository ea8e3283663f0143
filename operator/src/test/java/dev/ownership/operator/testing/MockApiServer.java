package dev.ownership.operator.testing;

import dev.ownership.operator.demo.MergePatchingCrudDispatcher;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Like fabric8's {@code @EnableKubernetesMockClient(crud = true)} — a CRUD mock API server and a
 * client for each test, in the test's {@code KubernetesMockServer} and {@code KubernetesClient}
 * fields, expectations ({@code server.expect()}) answered first — but applying JSON merge patches
 * as a real API server does: a key set to null is removed. So tests assert absence, as a cluster
 * would show it, instead of "absent or null".
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(MockApiServer.Extension.class)
public @interface MockApiServer {
  final class Extension implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace STORE =
        ExtensionContext.Namespace.create(MockApiServer.class);

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
      Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
      KubernetesMockServer server =
          new KubernetesMockServer(
              new Context(),
              new MockWebServer(),
              expectations,
              new ExpectationsThenCrud(expectations),
              false);
      server.init();
      KubernetesClient client = server.createClient();
      context.getStore(STORE).put("server", server);
      context.getStore(STORE).put("client", client);
      Object test = context.getRequiredTestInstance();
      for (Class<?> type = test.getClass(); type != null; type = type.getSuperclass()) {
        for (Field field : type.getDeclaredFields()) {
          if (field.getType() == KubernetesMockServer.class) set(field, test, server);
          if (field.getType() == KubernetesClient.class) set(field, test, client);
        }
      }
    }

    @Override
    public void afterEach(ExtensionContext context) {
      KubernetesClient client = context.getStore(STORE).remove("client", KubernetesClient.class);
      if (client != null) client.close();
      KubernetesMockServer server =
          context.getStore(STORE).remove("server", KubernetesMockServer.class);
      if (server != null) server.destroy();
    }

    private static void set(Field field, Object target, Object value)
        throws IllegalAccessException {
      field.setAccessible(true);
      field.set(target, value);
    }
  }

  /** Scripted answers first (e.g. a 409 for one PATCH), everything else from the CRUD store. */
  final class ExpectationsThenCrud extends Dispatcher {
    private final MockDispatcher expectations;
    private final MergePatchingCrudDispatcher crud = new MergePatchingCrudDispatcher();

    ExpectationsThenCrud(Map<ServerRequest, Queue<ServerResponse>> expectations) {
      this.expectations = new MockDispatcher(expectations);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      MockResponse scripted = expectations.dispatch(request);
      // MockDispatcher answers a bare 404 when no expectation matches.
      boolean unscripted = scripted.getBody() == null || scripted.getBody().size() == 0;
      if (scripted.code() == 404 && unscripted) return crud.dispatch(request);
      return scripted;
    }
  }
}
