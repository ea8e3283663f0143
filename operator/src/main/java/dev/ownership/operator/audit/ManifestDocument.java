package dev.ownership.operator.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Kubernetes object as read: a JSON/YAML mapping with apiVersion and kind, and where its parts
 * are in the file.
 */
public record ManifestDocument(DocumentOrigin origin, JsonNode body, SourceLines lines) {
  public ManifestDocument(DocumentOrigin origin, JsonNode body) {
    this(origin, body, SourceLines.NONE);
  }

  public String apiVersion() {
    return body.path("apiVersion").asText("");
  }

  public String kind() {
    return body.path("kind").asText("");
  }

  /** API group of {@link #apiVersion()}: empty for the core group. */
  public String group() {
    String apiVersion = apiVersion();
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  public String name() {
    return body.path("metadata").path("name").asText("");
  }

  public String namespace() {
    return body.path("metadata").path("namespace").asText("");
  }

  /** Where the node at {@code pointer} (or its nearest recorded ancestor) is. */
  public DocumentOrigin originOf(String pointer) {
    int line = lines.line(pointer);
    return line == 0 ? origin : origin.atLine(line);
  }
}
