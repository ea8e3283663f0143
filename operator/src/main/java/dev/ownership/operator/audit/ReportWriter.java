package dev.ownership.operator.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownership.operator.ownership.InvalidOwnerLabel;
import dev.ownership.operator.ownership.OwnershipConflict;
import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.text.TextTable;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Prints a report: the table or JSON on stdout (nothing else, so it can be piped), and the details
 * people need to act on (conflicts, ignored labels, input errors, the summary) on stderr.
 */
public final class ReportWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final List<String> COLUMNS =
      List.of("NAMESPACE", "KIND", "NAME", "STATUS", "TEAM", "SOURCE");

  private ReportWriter() {}

  public static void table(AuditReport report, PrintWriter out) {
    TextTable table = new TextTable(COLUMNS);
    for (AuditedWorkload w : report.workloads()) {
      Resolution r = w.resolution();
      table.row(
          List.of(
              w.ref().namespace(),
              w.ref().kind().kind(),
              w.ref().name(),
              r.status().value(),
              orDash(r.team()),
              r.source() == null ? "-" : r.source().annotationValue()));
    }
    if (table.isEmpty()) {
      out.println("No workloads found.");
      out.flush();
      return;
    }
    table.print(out, "");
  }

  public static void json(AuditReport report, PrintWriter out) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode workloads = root.putArray("workloads");
    for (AuditedWorkload w : report.workloads()) {
      Resolution r = w.resolution();
      ObjectNode row = workloads.addObject();
      row.put("namespace", w.ref().namespace());
      row.put("kind", w.ref().kind().kind());
      row.put("name", w.ref().name());
      row.put("status", r.status().value());
      row.put("team", r.team());
      row.put("service", r.service());
      row.put("source", r.source() == null ? null : r.source().annotationValue());
      ArrayNode conflicts = row.putArray("conflicts");
      for (OwnershipConflict conflict : r.conflicts()) {
        conflicts
            .addObject()
            .put("reason", conflict.reason().name())
            .put("serviceOwnership", conflict.overruledClaim())
            .put("team", conflict.overruledTeam())
            .put("message", conflict.message());
      }
      ArrayNode invalid = row.putArray("invalidLabels");
      for (InvalidOwnerLabel label : r.invalidLabels()) {
        invalid
            .addObject()
            .put("key", label.key())
            .put("value", label.value())
            .put("message", label.message());
      }
      row.put("origin", w.origin().toString());
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("workloads", report.workloads().size());
    summary.put("owned", report.count(OwnershipStatus.OWNED));
    summary.put("unowned", report.count(OwnershipStatus.UNOWNED));
    summary.put("conflict", report.count(OwnershipStatus.CONFLICT));
    printJson(root, report.problems(), report.exitCode(), out);
  }

  /**
   * Ends a JSON report as `audit -o json` does: {@code errors} ({@code {source, document, item,
   * message}}) and {@code exitCode}, then prints it.
   */
  public static void printJson(
      ObjectNode root, List<AuditProblem> problems, int exitCode, PrintWriter out) {
    ArrayNode errors = root.putArray("errors");
    for (AuditProblem problem : problems) {
      ObjectNode error = errors.addObject();
      error.put("source", problem.origin().source());
      if (problem.origin().document() > 0) error.put("document", problem.origin().document());
      if (problem.origin().item() > 0) error.put("item", problem.origin().item());
      error.put("message", problem.message());
    }
    root.put("exitCode", exitCode);
    try {
      out.println(JSON.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }

  /** Conflicts, ignored team labels, notices, errors and the summary line. */
  public static void details(AuditReport report, PrintWriter err) {
    for (AuditedWorkload w : report.workloads()) {
      for (OwnershipConflict conflict : w.resolution().conflicts()) {
        err.println("conflict: " + w.ref() + ": " + conflict.message());
      }
      for (InvalidOwnerLabel label : w.resolution().invalidLabels()) {
        err.println("warning: " + w.ref() + ": " + label.message());
      }
    }
    report.notices().forEach(notice -> err.println("note: " + notice));
    report.problems().forEach(problem -> err.println("error: " + problem));
    err.println(report.summary());
    err.flush();
  }

  private static String orDash(String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }
}
