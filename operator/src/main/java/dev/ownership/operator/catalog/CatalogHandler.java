package dev.ownership.operator.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.text.SafeText;
import dev.ownership.operator.who.CardJson;
import dev.ownership.operator.who.TargetKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Routes a request to a page, an API answer, a static file or a 404. No sockets here: the server
 * hands in a {@link CatalogRequest} and sends back the {@link CatalogResponse}.
 */
public final class CatalogHandler {
  /** Headers on every answer: no scripts but ours, no framing, no sniffing, no referrer. */
  public static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "Content-Security-Policy",
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
              + " form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
          "X-Content-Type-Options",
          "nosniff",
          "Referrer-Policy",
          "no-referrer",
          "X-Frame-Options",
          "DENY");

  private static final Map<String, String> STATIC =
      Map.of(
          "catalog.css", "text/css; charset=utf-8", "catalog.js", "text/javascript; charset=utf-8");

  private final CatalogPages pages;
  private final CatalogApi api;

  public CatalogHandler(Catalog catalog) {
    this.pages = new CatalogPages(catalog);
    this.api = new CatalogApi(catalog);
  }

  public CatalogResponse handle(CatalogRequest request) {
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      return CatalogResponse.of(
          405, CatalogResponse.TEXT, "method not allowed: the catalog is read-only, use GET\n");
    }
    List<String> s = request.segments();
    if (s.isEmpty()) return html(pages.overview(request.parameters().get("q")));
    return switch (s.get(0)) {
      case "teams" ->
          s.size() == 2
              ? page(
                  pages.team(s.get(1)), "No team " + s.get(1) + " owns anything or is named here")
              : notFound(request);
      case "services" ->
          s.size() == 3
              ? page(
                  pages.service(s.get(1), s.get(2)),
                  "No ServiceOwnership " + s.get(2) + " in namespace " + s.get(1))
              : notFound(request);
      case "namespaces" ->
          s.size() == 2
              ? page(pages.namespace(s.get(1)), "No namespace " + s.get(1) + " in view")
              : notFound(request);
      case "workloads" ->
          s.size() == 4 ? workload(s.get(1), s.get(2), s.get(3)) : notFound(request);
      case "api" -> api(request);
      case "static" -> s.size() == 2 ? staticFile(s.get(1)) : notFound(request);
      default -> notFound(request);
    };
  }

  private CatalogResponse workload(String namespace, String kind, String name) {
    Optional<WorkloadKind> workloadKind = TargetKind.parse(kind).flatMap(TargetKind::workloadKind);
    if (workloadKind.isEmpty()) {
      return page(
          Optional.empty(),
          "'"
              + kind
              + "' is not a workload kind (deployment, statefulset, daemonset, job, cronjob)");
    }
    return page(
        pages.workload(new WorkloadRef(workloadKind.get(), namespace, name)),
        "No " + workloadKind.get().kind() + " " + name + " in namespace " + namespace);
  }

  private CatalogResponse api(CatalogRequest request) {
    List<String> s = request.segments();
    if (s.size() != 3 || !s.get(1).equals("v1"))
      return apiError(404, "not found: try /api/v1/teams, /api/v1/services or /api/v1/workloads");
    Function<CatalogQuery, ObjectNode> endpoint =
        switch (s.get(2)) {
          case "teams" -> api::teams;
          case "services" -> api::services;
          case "workloads" -> api::workloads;
          default -> null;
        };
    if (endpoint == null)
      return apiError(404, "not found: try /api/v1/teams, /api/v1/services or /api/v1/workloads");
    CatalogQuery query;
    try {
      query = CatalogQuery.parse(request.parameters());
    } catch (IllegalArgumentException e) {
      return apiError(400, e.getMessage());
    }
    return json(200, endpoint.apply(query));
  }

  private static CatalogResponse apiError(int status, String message) {
    return json(status, CardJson.JSON.createObjectNode().put("error", message));
  }

  private static CatalogResponse json(int status, ObjectNode body) {
    try {
      return CatalogResponse.of(
          status, CatalogResponse.JSON, CardJson.JSON.writeValueAsString(body) + "\n");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private CatalogResponse page(Optional<String> html, String missing) {
    return html.map(CatalogHandler::html)
        .orElseGet(
            () ->
                CatalogResponse.of(
                    404, CatalogResponse.HTML, pages.notFound(SafeText.of(missing, 400))));
  }

  private CatalogResponse notFound(CatalogRequest request) {
    return CatalogResponse.of(
        404,
        CatalogResponse.HTML,
        pages.notFound("Nothing at /" + SafeText.of(String.join("/", request.segments()), 300)));
  }

  private static CatalogResponse html(String body) {
    return CatalogResponse.of(200, CatalogResponse.HTML, body);
  }

  private CatalogResponse staticFile(String name) {
    String type = STATIC.get(name);
    if (type == null) return CatalogResponse.of(404, CatalogResponse.TEXT, "not found\n");
    try (InputStream in = CatalogHandler.class.getResourceAsStream("/catalog/" + name)) {
      if (in == null) throw new IllegalStateException("the jar carries no /catalog/" + name);
      return new CatalogResponse(200, type, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
