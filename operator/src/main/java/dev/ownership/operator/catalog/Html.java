package dev.ownership.operator.catalog;

import dev.ownership.operator.text.SafeText;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Builds HTML where every cluster value is text: escaped for element content and attributes alike,
 * bounded in length, and made a link only when it is an http, https or mailto URL.
 */
final class Html {
  /** Names, keys, short values. */
  static final int SHORT = 253;

  /** Descriptions, messages. */
  static final int LONG = 2048;

  private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");

  private final StringBuilder out = new StringBuilder(16 * 1024);

  /** Markup written by this code, never a cluster value. */
  Html tag(String markup) {
    out.append(markup);
    return this;
  }

  /** A cluster value, escaped and bounded (control characters shown as escapes, as everywhere). */
  Html text(String value, int max) {
    if (value != null) out.append(escape(SafeText.of(value, max)));
    return this;
  }

  Html text(String value) {
    return text(value, SHORT);
  }

  /** A link inside the catalog; {@code path} comes from {@link Paths}, already encoded. */
  Html link(String path, String label) {
    out.append("<a href=\"").append(escape(path)).append("\">");
    text(label);
    out.append("</a>");
    return this;
  }

  /** A link out of the catalog when the URL is safe to follow, else the URL as text. */
  Html external(String url, String label) {
    if (!isSafeUrl(url)) return text(label == null ? url : label + " " + url, LONG);
    out.append("<a href=\"")
        .append(escape(url.strip()))
        .append("\" rel=\"noopener noreferrer nofollow\">");
    text(label == null ? url : label, LONG);
    out.append("</a>");
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  static String escape(String value) {
    if (value == null) return "";
    StringBuilder escaped = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      String replacement =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (replacement == null && escaped == null) continue;
      if (escaped == null) escaped = new StringBuilder(value.length() + 16).append(value, 0, i);
      if (replacement != null) escaped.append(replacement);
      else escaped.append(c);
    }
    return escaped == null ? value : escaped.toString();
  }

  /** http and https URLs with a host, and mailto: anything else (javascript:, data:) is text. */
  static boolean isSafeUrl(String url) {
    if (url == null) return false;
    String trimmed = url.strip();
    if (trimmed.isEmpty() || trimmed.length() > LONG) return false;
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (Character.isISOControl(c) || Character.isWhitespace(c)) return false;
    }
    try {
      URI uri = new URI(trimmed);
      String scheme = uri.getScheme();
      if (scheme == null || !LINK_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) return false;
      return scheme.equalsIgnoreCase("mailto")
          || (uri.getHost() != null && !uri.getHost().isEmpty());
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** One path segment, percent-encoded. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
