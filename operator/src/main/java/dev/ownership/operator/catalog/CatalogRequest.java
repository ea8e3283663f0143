package dev.ownership.operator.catalog;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the catalog sees it: method, decoded path segments, query parameters.
 *
 * @param segments the path split on '/', each percent-decoded, without empty ones
 */
record CatalogRequest(String method, List<String> segments, Map<String, String> parameters) {
  /**
   * @param rawPath the path as sent (still percent-encoded)
   * @param rawQuery the query as sent, or null
   */
  static CatalogRequest of(String method, String rawPath, String rawQuery) {
    List<String> segments = new ArrayList<>();
    for (String part : (rawPath == null ? "/" : rawPath).split("/")) {
      if (!part.isEmpty()) segments.add(decode(part.replace("+", "%2B")));
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) continue;
        int eq = pair.indexOf('=');
        // Forms send a space as '+' in the query (and only there).
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        parameters.putIfAbsent(key, value);
      }
    }
    return new CatalogRequest(
        method, List.copyOf(segments), Collections.unmodifiableMap(parameters));
  }

  /** Percent-decoding that never fails: a malformed escape stays as it was. */
  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
