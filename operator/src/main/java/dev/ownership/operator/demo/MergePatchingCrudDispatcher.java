package dev.ownership.operator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * fabric8's CRUD mock, with JSON merge patches applied as RFC 7386 says and a real API server does:
 * a key set to {@code null} is removed. The stock mock stores the null instead, so a workload the
 * operator un-owned would still "carry" {@code ownership.dev/team: null}; with this, the demo and
 * the tests see what a cluster shows. Every other request is the stock mock's.
 */
public class MergePatchingCrudDispatcher extends KubernetesCrudDispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MERGE_PATCH = "application/merge-patch+json";

  /**
   * A real API server records {@code fieldManager} in managedFields; the stock mock instead takes
   * the query for part of the path (a status patch is then not seen as one), so it is dropped here.
   * The request log keeps it: the server records each request before dispatching it.
   */
  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    String stripped = withoutFieldManager(path);
    if (stripped.equals(path)) return super.dispatch(request);
    return super.dispatch(
        new RecordedRequest(
            request.getHttpVersion(),
            request.method(),
            stripped,
            request.getHeaders(),
            request.getBody()));
  }

  /** {@code path} without its {@code fieldManager} query parameter. */
  static String withoutFieldManager(String path) {
    int question = path.indexOf('?');
    if (question < 0) return path;
    String kept =
        Arrays.stream(path.substring(question + 1).split("&"))
            .filter(p -> !p.startsWith("fieldManager="))
            .collect(Collectors.joining("&"));
    return path.substring(0, question) + (kept.isEmpty() ? "" : "?" + kept);
  }

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    String contentType = request.getHeader("Content-Type");
    if (contentType == null || !contentType.startsWith(MERGE_PATCH))
      return super.handlePatch(request);
    String path = request.getPath();
    MockResponse current = handleGet(path);
    if (current.code() != 200) return current;
    JsonNode merged;
    try {
      JsonNode target = JSON.readTree(current.getBody().readUtf8());
      merged = merge(target, JSON.readTree(request.getUtf8Body()));
    } catch (IOException e) {
      return new MockResponse()
          .setResponseCode(400)
          .setBody("{\"message\":\"" + e.getMessage() + "\"}");
    }
    Buffer body = new Buffer().writeUtf8(merged.toString());
    return handleUpdate(
        new RecordedRequest(
            request.getHttpVersion(), HttpMethod.PUT, path, request.getHeaders(), body));
  }

  /** RFC 7386 MergePatch(target, patch). */
  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) return patch;
    ObjectNode result =
        target != null && target.isObject()
            ? (ObjectNode) target.deepCopy()
            : JSON.createObjectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }
}
