package dev.ownership.operator.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The report as SARIF 2.1.0 (what GitHub code scanning reads): one result per finding, located by
 * file and line; input errors as tool notifications. A finding that fails the gate is an {@code
 * error}, one the webhook would warn about a {@code warning}, any other a {@code note}.
 */
public final class SarifReport {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private SarifReport() {}

  public static void write(AuditReport report, String toolVersion, PrintWriter out) {
    ObjectNode root = ReportWriter.JSON.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "ownership-operator audit");
    driver.put("version", toolVersion);
    ArrayNode rules = driver.putArray("rules");
    for (FindingRule rule : FindingRule.values()) {
      ObjectNode r = rules.addObject();
      r.put("id", rule.id());
      r.put("name", rule.title().replace(" ", ""));
      r.putObject("shortDescription").put("text", rule.title());
      r.putObject("fullDescription").put("text", rule.description());
      r.putObject("defaultConfiguration").put("level", "error");
    }
    ArrayNode results = run.putArray("results");
    for (AuditedWorkload w : report.workloads()) {
      for (Finding finding : w.findings()) {
        ObjectNode result = results.addObject();
        result.put("ruleId", finding.rule().id());
        result.put("ruleIndex", finding.rule().ordinal());
        result.put("level", level(report, w));
        result
            .putObject("message")
            .put(
                "text",
                finding.message() + " [" + ReportWriter.verdict(w) + "] Fix: " + finding.hint());
        location(result.putArray("locations").addObject(), finding.origin());
        ObjectNode properties = result.putObject("properties");
        properties.put("namespace", w.ref().namespace());
        properties.put("kind", w.ref().kind().kind());
        properties.put("name", w.ref().name());
        properties.put("status", w.resolution().status().value());
        properties.put("verdict", w.verdict().decision().value());
        properties.put("mode", w.verdict().mode().value());
      }
    }
    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", report.problems().isEmpty());
    invocation.put("exitCode", report.exitCode());
    ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
    for (AuditProblem problem : report.problems()) {
      ObjectNode notification = notifications.addObject();
      notification.put("level", "error");
      notification.putObject("message").put("text", problem.toString());
      location(notification.putArray("locations").addObject(), problem.origin());
    }
    ReportWriter.print(root, out);
  }

  private static String level(AuditReport report, AuditedWorkload w) {
    if (report.failOn().fails(w)) return "error";
    // What the webhook would warn about (an unknown team included), whatever the gate.
    return FailOn.WARN.fails(w) ? "warning" : "note";
  }

  private static void location(ObjectNode location, DocumentOrigin origin) {
    ObjectNode physical = location.putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", uri(ManifestReader.fileOf(origin.source())));
    physical.putObject("region").put("startLine", Math.max(1, origin.line()));
  }

  /**
   * A relative path stays relative (code scanning resolves it against the checkout); an absolute
   * one becomes a file URI. A source that is no file ({@code <stdin>}, the cluster) keeps the name
   * the messages give it, percent-encoded as a URI must be ({@code %3Cstdin%3E}).
   */
  static String uri(String path) {
    if (path.equals(ManifestReader.STDIN_NAME)
        || path.equals(ClusterManifests.SOURCE)
        || path.startsWith(ClusterManifests.SOURCE + " ")) {
      return percentEncoded(path);
    }
    Path file = Path.of(path);
    if (file.isAbsolute()) return file.toUri().toString();
    try {
      return new URI(null, null, path.replace('\\', '/'), null).toASCIIString();
    } catch (URISyntaxException e) {
      return percentEncoded(path);
    }
  }

  /** Every byte outside RFC 3986's unreserved characters and {@code /}, as {@code %XX}. */
  static String percentEncoded(String text) {
    StringBuilder uri = new StringBuilder();
    for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || "-._~/".indexOf(c) >= 0) uri.append(c);
      else uri.append('%').append(String.format(java.util.Locale.ROOT, "%02X", b & 0xff));
    }
    return uri.toString();
  }
}
