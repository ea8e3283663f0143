package dev.ownership.bench.fakeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A small Kubernetes API server for the harnesses: list (with {@code limit}/{@code continue}),
 * watch (WebSocket and chunked HTTP, from a resourceVersion), get, create, update, merge and JSON
 * patch, delete, for any resource path; no schema, no admission, no garbage collection. Objects are
 * kept as their JSON bytes and lists are streamed from them, so that at 100k objects the server is
 * not what is measured (fabric8's CRUD mock keeps parsed models and serializes them per list).
 *
 * <p>It also answers {@code GET /_bench/stats} (requests by verb and collection, objects per
 * collection, Deployments per {@code ownership.dev/status} value) and {@code POST /_bench/reset}
 * (zeroes the request counters), which the harnesses read.
 */
public final class FakeApiServer implements AutoCloseable {
  private static final Set<String> CLUSTER_SCOPED =
      Set.of("namespaces", "customresourcedefinitions", "validatingwebhookconfigurations", "nodes");

  private final ResourceStore store = new ResourceStore();
  private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
  private final List<ListRequest> listRequests = new CopyOnWriteArrayList<>();
  private final Vertx vertx;
  private HttpServer server;

  public FakeApiServer() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2));
  }

  ResourceStore store() {
    return store;
  }

  /** Starts on loopback; port 0 picks a free one. Returns the port. */
  public int start(int port) throws Exception {
    server =
        vertx
            .createHttpServer(
                new HttpServerOptions()
                    .setHost("127.0.0.1")
                    .setPort(port)
                    .setMaxWebSocketFrameSize(64 * 1024 * 1024)
                    .setMaxWebSocketMessageSize(64 * 1024 * 1024))
            .requestHandler(this::handle)
            .listen()
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    return server.actualPort();
  }

  /** Adds an object before anyone watches (no change is logged). */
  public void seed(String apiVersion, String resource, ObjectNode object) {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String collection = group.isEmpty() ? resource : resource + "." + group;
    String ns = object.path("metadata").path("namespace").asText(null);
    store.seed(
        collection,
        (ns == null ? "" : ns) + "/" + object.path("metadata").path("name").asText(),
        object);
  }

  private void handle(HttpServerRequest req) {
    String path = req.path();
    if (path.startsWith("/_bench/")) {
      bench(req, path);
      return;
    }
    if (path.equals("/version")) {
      json(
          req.response(),
          200,
          "{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.0-fake\"}");
      return;
    }
    ResourcePath rp = ResourcePath.parse(path);
    if (rp == null) {
      status(req.response(), 404, "NotFound", "no such path " + path);
      return;
    }
    boolean watch = "true".equals(req.getParam("watch")) || "1".equals(req.getParam("watch"));
    String verb =
        watch
            ? "WATCH"
            : rp.name() == null && req.method() == HttpMethod.GET ? "LIST" : req.method().name();
    requests.computeIfAbsent(verb + " " + rp.collection(), k -> new AtomicLong()).incrementAndGet();
    if (req.method() == HttpMethod.GET) {
      if (watch) watch(req, rp);
      else if (rp.name() == null) list(req, rp);
      else get(req, rp);
      return;
    }
    req.body()
        .onSuccess(body -> write(req, rp, body))
        .onFailure(e -> status(req.response(), 500, "InternalError", e.getMessage()));
  }

  private void get(HttpServerRequest req, ResourcePath rp) {
    byte[] object = store.get(rp.collection(), rp.key());
    if (object == null)
      status(req.response(), 404, "NotFound", rp.resource() + " \"" + rp.name() + "\" not found");
    else json(req.response(), 200, Buffer.buffer(object));
  }

  /**
   * One list request as it arrived: its collection ({@code deployments.apps}), namespace (null for
   * all), {@code limit} and {@code continue} parameters as sent (null when absent), and how many
   * items the page held.
   */
  public record ListRequest(
      String collection, String namespace, String limit, String continueToken, int items) {}

  /**
   * Requests served since start (or the last reset) of a verb on a collection, e.g. "PATCH
   * deployments.apps".
   */
  public long requests(String verbAndCollection) {
    AtomicLong n = requests.get(verbAndCollection);
    return n == null ? 0 : n.get();
  }

  /** Zeroes the request counters (as {@code POST /_bench/reset}). */
  public void resetRequests() {
    requests.clear();
  }

  /** Every list request served since start (not watches), in order; kept for tests. */
  public List<ListRequest> listRequests() {
    return List.copyOf(listRequests);
  }

  private void list(HttpServerRequest req, ResourcePath rp) {
    long limit = parseLong(req.getParam("limit"), Long.MAX_VALUE);
    if (limit <= 0) limit = Long.MAX_VALUE;
    String after = req.getParam("continue");
    if (after != null && after.isEmpty()) after = null;
    ResourceStore.Snapshot page = store.list(rp.collection(), rp.namespace(), after, limit);
    listRequests.add(
        new ListRequest(
            rp.collection(),
            rp.namespace(),
            req.getParam("limit"),
            req.getParam("continue"),
            page.items().size()));
    String kind = store.kind(rp.collection());
    String listKind = kind == null ? "List" : kind + "List";
    String apiVersion = rp.group().isEmpty() ? rp.version() : rp.group() + "/" + rp.version();
    StringBuilder head =
        new StringBuilder(200)
            .append("{\"apiVersion\":\"")
            .append(apiVersion)
            .append("\",\"kind\":\"")
            .append(listKind)
            .append("\",\"metadata\":{\"resourceVersion\":\"")
            .append(page.version())
            .append('"');
    if (page.more()) head.append(",\"continue\":\"").append(page.lastKey()).append('"');
    head.append("},\"items\":[");
    HttpServerResponse response = req.response();
    response.setChunked(true).putHeader("Content-Type", "application/json");
    response.write(head.toString());
    new ListWriter(response, page).run();
  }

  /** Writes a list's items without holding them all in one buffer, respecting back-pressure. */
  private static final class ListWriter implements Runnable {
    private final HttpServerResponse response;
    private final ResourceStore.Snapshot page;
    private int next;

    ListWriter(HttpServerResponse response, ResourceStore.Snapshot page) {
      this.response = response;
      this.page = page;
    }

    @Override
    public void run() {
      while (next < page.items().size()) {
        Buffer chunk = Buffer.buffer(256 * 1024);
        while (next < page.items().size() && chunk.length() < 256 * 1024) {
          if (next > 0) chunk.appendByte((byte) ',');
          chunk.appendBytes(page.items().get(next++));
        }
        response.write(chunk);
        if (response.writeQueueFull()) {
          response.drainHandler(v -> run());
          return;
        }
      }
      response.end("]}");
    }
  }

  private void watch(HttpServerRequest req, ResourcePath rp) {
    long from = parseLong(req.getParam("resourceVersion"), 0);
    String namespace = rp.namespace();
    if ("websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
      req.toWebSocket()
          .onSuccess(
              ws -> {
                ResourceStore.Watcher watcher =
                    new ResourceStore.Watcher(
                        namespace, change -> ws.writeTextMessage(event(change)));
                startWatch(rp, from, watcher, ws::writeTextMessage, () -> ws.close());
                ws.closeHandler(v -> store.unwatch(rp.collection(), watcher));
              });
      return;
    }
    HttpServerResponse response = req.response();
    response.setChunked(true).putHeader("Content-Type", "application/json");
    ResourceStore.Watcher watcher =
        new ResourceStore.Watcher(namespace, change -> response.write(event(change) + "\n"));
    startWatch(rp, from, watcher, text -> response.write(text + "\n"), response::end);
    response.closeHandler(v -> store.unwatch(rp.collection(), watcher));
  }

  private void startWatch(
      ResourcePath rp,
      long from,
      ResourceStore.Watcher watcher,
      Consumer<String> send,
      Runnable close) {
    if (!store.watch(rp.collection(), from, watcher)) {
      send.accept(
          "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
              + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"too"
              + " old resource version: "
              + from
              + "\",\"reason\":\"Expired\",\"code\":410}}");
      close.run();
    }
  }

  private static String event(ResourceStore.Change change) {
    return "{\"type\":\""
        + change.type()
        + "\",\"object\":"
        + new String(change.object(), StandardCharsets.UTF_8)
        + "}";
  }

  private void write(HttpServerRequest req, ResourcePath rp, Buffer body) {
    HttpServerResponse response = req.response();
    try {
      switch (req.method().name()) {
        case "POST" -> create(response, rp, body);
        case "PUT" -> replace(response, rp, body);
        case "PATCH" -> patch(response, rp, req.getHeader("Content-Type"), body);
        case "DELETE" -> {
          byte[] gone = store.delete(rp.collection(), rp.key());
          if (gone == null) status(response, 404, "NotFound", rp.name() + " not found");
          else json(response, 200, Buffer.buffer(gone));
        }
        default -> status(response, 405, "MethodNotAllowed", req.method().name());
      }
    } catch (RuntimeException e) {
      status(response, 400, "BadRequest", String.valueOf(e.getMessage()));
    }
  }

  private void create(HttpServerResponse response, ResourcePath rp, Buffer body) {
    ObjectNode object = ResourceStore.parse(body.getBytes());
    ObjectNode meta = object.with("metadata");
    if (!meta.hasNonNull("name") && meta.hasNonNull("generateName")) {
      meta.put("name", meta.get("generateName").asText() + Long.toString(System.nanoTime(), 36));
    }
    if (rp.namespace() != null && !CLUSTER_SCOPED.contains(rp.resource()))
      meta.put("namespace", rp.namespace());
    String key = (rp.namespace() == null ? "" : rp.namespace()) + "/" + meta.path("name").asText();
    byte[] stored = store.create(rp.collection(), key, object);
    if (stored == null)
      status(response, 409, "AlreadyExists", meta.path("name").asText() + " already exists");
    else json(response, 201, Buffer.buffer(stored));
  }

  private void replace(HttpServerResponse response, ResourcePath rp, Buffer body) {
    ObjectNode sent = ResourceStore.parse(body.getBytes());
    boolean status = "status".equals(rp.subresource());
    ResourceStore.Outcome outcome =
        store.update(
            rp.collection(),
            rp.key(),
            current -> {
              if (status) {
                current.set("status", sent.get("status"));
                current
                    .with("metadata")
                    .set("resourceVersion", sent.path("metadata").get("resourceVersion"));
              } else {
                JsonNode keep = current.get("status");
                current.removeAll();
                current.setAll(sent);
                if (keep != null) current.set("status", keep);
              }
            },
            true);
    answer(response, outcome);
  }

  private void patch(HttpServerResponse response, ResourcePath rp, String type, Buffer body) {
    String contentType = type == null ? "" : type.split(";")[0].trim();
    JsonNode patch = ResourceStore.parse0(body.getBytes());
    Consumer<ObjectNode> change =
        switch (contentType) {
          case "application/merge-patch+json", "application/strategic-merge-patch+json" ->
              current -> JsonPatches.merge(current, patch);
          case "application/json-patch+json" ->
              current -> JsonPatches.apply(current, (ArrayNode) patch);
          default -> null;
        };
    if (change == null) {
      status(response, 415, "UnsupportedMediaType", "unsupported patch type " + contentType);
      return;
    }
    answer(response, store.update(rp.collection(), rp.key(), change, false));
  }

  private static void answer(HttpServerResponse response, ResourceStore.Outcome outcome) {
    if (outcome.object() != null) json(response, 200, Buffer.buffer(outcome.object()));
    else
      status(
          response,
          outcome.code(),
          switch (outcome.code()) {
            case 404 -> "NotFound";
            case 409 -> "Conflict";
            default -> "Invalid";
          },
          outcome.message());
  }

  private void bench(HttpServerRequest req, String path) {
    switch (path) {
      case "/_bench/stats" -> {
        ObjectNode stats = ResourceStore.JSON.createObjectNode();
        ObjectNode r = stats.putObject("requests");
        new TreeMap<>(requests).forEach((k, v) -> r.put(k, v.get()));
        ObjectNode statuses = stats.putObject("deploymentStatus");
        store.statusCounts("deployments.apps").forEach(statuses::put);
        stats.put("deployments", store.size("deployments.apps"));
        stats.put("resourceVersion", store.version());
        json(req.response(), 200, stats.toString());
      }
      case "/_bench/reset" -> {
        requests.clear();
        json(req.response(), 200, "{}");
      }
      default -> status(req.response(), 404, "NotFound", path);
    }
  }

  private static void json(HttpServerResponse response, int code, String body) {
    json(response, code, Buffer.buffer(body));
  }

  private static void json(HttpServerResponse response, int code, Buffer body) {
    response.setStatusCode(code).putHeader("Content-Type", "application/json").end(body);
  }

  private static void status(HttpServerResponse response, int code, String reason, String message) {
    ObjectNode s = ResourceStore.JSON.createObjectNode();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Failure");
    s.put("message", message);
    s.put("reason", reason);
    s.put("code", code);
    json(response, code, s.toString());
  }

  private static long parseLong(String text, long fallback) {
    if (text == null || text.isEmpty()) return fallback;
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
