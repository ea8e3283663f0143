package dev.ownership.operator.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownership.operator.admission.AdmissionDecision;
import dev.ownership.operator.admission.Verdict;
import dev.ownership.operator.ownership.InvalidOwnerLabel;
import dev.ownership.operator.ownership.OwnershipConflict;
import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.UnknownTeam;
import dev.ownership.operator.text.SafeText;
import dev.ownership.operator.text.TextTable;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a report: the table or JSON on stdout (nothing else, so it can be piped), and the details
 * people need to act on (findings with their fix, input errors, notes, the summary) on stderr.
 */
public final class ReportWriter {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final List<String> COLUMNS =
      List.of("NAMESPACE", "KIND", "NAME", "STATUS", "VERDICT", "TEAM", "SOURCE");

  /** The column added while the registry is in use (Teams in the input, or --cluster). */
  static final String REGISTRY_COLUMN = "REGISTRY";

  private ReportWriter() {}

  public static void table(AuditReport report, PrintWriter out) {
    table(report, out, false);
  }

  /**
   * @param quiet only the workloads with a finding or that fail the gate
   */
  public static void table(AuditReport report, PrintWriter out, boolean quiet) {
    TeamRegistry teams = report.teams();
    List<String> columns = new ArrayList<>(COLUMNS);
    if (teams.inUse()) columns.add(REGISTRY_COLUMN);
    TextTable table = new TextTable(columns);
    for (AuditedWorkload w : report.workloads()) {
      if (quiet && w.findings().isEmpty() && !report.failOn().fails(w)) continue;
      Resolution r = w.resolution();
      List<String> row =
          new ArrayList<>(
              List.of(
                  w.ref().namespace(),
                  w.ref().kind().kind(),
                  w.ref().name(),
                  r.status().value(),
                  w.verdict().decision().value(),
                  orDash(r.team()),
                  r.source() == null ? "-" : r.source().annotationValue()));
      if (teams.inUse()) row.add(registryCell(w, teams));
      table.row(row);
    }
    if (table.isEmpty()) {
      if (!quiet) out.println("No workloads found.");
      out.flush();
      return;
    }
    table.print(out, "");
  }

  /**
   * What the registry says of a workload's team values, e.g. {@code registered}, {@code alias web},
   * {@code unknown paymnts (did you mean payments?)}; {@code -} when it consults none.
   */
  static String registryCell(AuditedWorkload w, TeamRegistry teams) {
    List<String> parts = new ArrayList<>();
    for (UnknownTeam unknown : w.resolution().unknownTeams()) {
      parts.add(
          "unknown "
              + SafeText.of(unknown.value(), 63)
              + " ("
              + teams.didYouMean(unknown.value())
              + ")");
    }
    w.aliases(teams).keySet().forEach(alias -> parts.add("alias " + alias));
    if (!parts.isEmpty()) return String.join("; ", parts);
    return w.resolution().teamValues().isEmpty() ? "-" : "registered";
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
      ArrayNode unknownTeams = row.putArray("unknownTeams");
      for (UnknownTeam unknown : r.unknownTeams()) {
        ObjectNode u = unknownTeams.addObject();
        u.put("value", unknown.value());
        u.put("where", unknown.where());
        ArrayNode close = u.putArray("didYouMean");
        report.teams().closest(unknown.value()).forEach(close::add);
        u.put("message", unknown.message(report.teams()));
      }
      ObjectNode aliases = row.putObject("aliases");
      w.aliases(report.teams()).forEach(aliases::put);
      Verdict verdict = w.verdict();
      ObjectNode judged = row.putObject("verdict");
      judged.put("decision", verdict.decision().value());
      judged.put("mode", verdict.mode().value());
      judged.put("allowed", verdict.allowed());
      judged.put("message", verdict.message());
      ArrayNode warnings = judged.putArray("warnings");
      verdict.warnings().forEach(warnings::add);
      row.put("fails", report.failOn().fails(w));
      ArrayNode findings = row.putArray("findings");
      for (Finding finding : w.findings()) {
        ObjectNode f = findings.addObject();
        f.put("rule", finding.rule().id());
        f.put("message", finding.message());
        f.put("hint", finding.hint());
        if (finding.origin().line() > 0) f.put("line", finding.origin().line());
      }
      row.put("origin", w.origin().toString());
      if (w.origin().line() > 0) row.put("line", w.origin().line());
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("workloads", report.workloads().size());
    summary.put("owned", report.count(OwnershipStatus.OWNED));
    summary.put("unowned", report.count(OwnershipStatus.UNOWNED));
    summary.put("conflict", report.count(OwnershipStatus.CONFLICT));
    for (AdmissionDecision decision : List.of(VERDICTS)) {
      summary.put(decision.value(), report.count(decision));
    }
    TeamRegistry teams = report.teams();
    ObjectNode registry = summary.putObject("teamRegistry");
    registry.put("inUse", teams.inUse());
    registry.put("mode", teams.mode().value());
    registry.put("teams", teams.size());
    registry.put("unknownTeams", report.unknownTeams());
    summary.put("failOn", report.failOn().value());
    summary.put("failing", report.failing());
    ArrayNode errors = root.putArray("errors");
    report.problems().forEach(problem -> problem(errors.addObject(), problem));
    ArrayNode notes = root.putArray("notes");
    report.notices().forEach(notice -> problem(notes.addObject(), notice));
    root.put("exitCode", report.exitCode());
    print(root, out);
  }

  /** The decisions a workload's CREATE can get (ERROR is the webhook failing, never a verdict). */
  private static final AdmissionDecision[] VERDICTS = {
    AdmissionDecision.DENIED,
    AdmissionDecision.WARNED,
    AdmissionDecision.AUDITED,
    AdmissionDecision.ALLOWED,
    AdmissionDecision.EXEMPT
  };

  private static void problem(ObjectNode node, AuditProblem problem) {
    node.put("source", problem.origin().source());
    if (problem.origin().document() > 0) node.put("document", problem.origin().document());
    if (problem.origin().item() > 0) node.put("item", problem.origin().item());
    if (problem.origin().line() > 0) node.put("line", problem.origin().line());
    node.put("message", problem.message());
  }

  /**
   * Ends a JSON report as `audit -o json` does ({@code errors}, then {@code exitCode}) and prints
   * it; `suggest -o json` ends its report the same way.
   */
  public static void printJson(
      ObjectNode root, List<AuditProblem> problems, int exitCode, PrintWriter out) {
    ArrayNode errors = root.putArray("errors");
    problems.forEach(problem -> problem(errors.addObject(), problem));
    root.put("exitCode", exitCode);
    print(root, out);
  }

  static void print(ObjectNode root, PrintWriter out) {
    try {
      out.println(JSON.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }

  /** Findings, notes, errors and the summary line. */
  public static void details(AuditReport report, PrintWriter err) {
    details(report, err, false);
  }

  /**
   * Each finding with the webhook's verdict, where it is and how to fix it; errors; unless {@code
   * quiet}, notes and the summary line.
   */
  public static void details(AuditReport report, PrintWriter err, boolean quiet) {
    for (AuditedWorkload w : report.workloads()) {
      for (Finding finding : w.findings()) {
        String gate =
            report.failOn().fails(w) ? "; fails --fail-on " + report.failOn().value() : "";
        err.println(
            finding.rule().id() + ": " + finding.message() + " [" + verdict(w) + gate + "]");
        err.println("  at " + finding.origin());
        err.println("  fix: " + finding.hint());
      }
    }
    if (!quiet) report.notices().forEach(notice -> err.println("note: " + notice));
    report.problems().forEach(problem -> err.println("error: " + problem));
    if (!quiet) err.println(report.summary());
    err.flush();
  }

  /** E.g. {@code webhook: denied (enforce)}. */
  static String verdict(AuditedWorkload w) {
    Verdict verdict = w.verdict();
    return "webhook: "
        + verdict.decision().value()
        + (verdict.decision() == AdmissionDecision.EXEMPT
            ? ""
            : " (" + verdict.mode().value() + ")");
  }

  private static String orDash(String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }
}
