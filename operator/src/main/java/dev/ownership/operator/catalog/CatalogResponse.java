package dev.ownership.operator.catalog;

import java.nio.charset.StandardCharsets;

/** A complete answer: the body is computed before anything is sent. */
record CatalogResponse(int status, String contentType, byte[] body) {
  static final String HTML = "text/html; charset=utf-8";
  static final String JSON = "application/json; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";

  static CatalogResponse of(int status, String contentType, String body) {
    return new CatalogResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
