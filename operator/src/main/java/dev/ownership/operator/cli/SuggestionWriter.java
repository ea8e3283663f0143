package dev.ownership.operator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.ownership.operator.audit.ReportWriter;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.suggest.Anchor;
import dev.ownership.operator.suggest.ClaimManifests;
import dev.ownership.operator.suggest.Confidence;
import dev.ownership.operator.suggest.Evidence;
import dev.ownership.operator.suggest.ProposedClaim;
import dev.ownership.operator.suggest.ProposedLabel;
import dev.ownership.operator.suggest.Suggestion;
import dev.ownership.operator.text.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Prints `suggest` results on stdout: text grouped by team, JSON, or YAML objects to review. The
 * YAML and JSON are written by Jackson from object trees, so no label value or name can break them;
 * text shows user values escaped and bounded.
 */
final class SuggestionWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML =
      YAMLMapper.builder(
              YAMLFactory.builder().stringQuotingChecker(new QuoteUnlessPlainWord()).build())
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .disable(YAMLGenerator.Feature.SPLIT_LINES)
          .build();
  private static final String INDENT = "  ";
  private static final int CONFIDENCE_WIDTH = 8;

  private SuggestionWriter() {}

  static void text(SuggestionReport report, String ownerLabelKey, PrintWriter out) {
    if (report.entries().isEmpty()) {
      out.println("No unowned workloads.");
      out.flush();
      return;
    }
    Map<String, List<SuggestionReport.Entry>> byTeam = new LinkedHashMap<>();
    List<SuggestionReport.Entry> none = new ArrayList<>();
    for (SuggestionReport.Entry entry : strongestFirst(report.entries())) {
      if (entry.suggestion().hasTeam()) {
        byTeam.computeIfAbsent(entry.suggestion().team(), t -> new ArrayList<>()).add(entry);
      } else {
        none.add(entry);
      }
    }
    boolean first = true;
    for (Map.Entry<String, List<SuggestionReport.Entry>> team : byTeam.entrySet()) {
      if (!first) out.println();
      first = false;
      out.println(SafeText.of(team.getKey()) + ": " + count(team.getValue().size()));
      team.getValue().forEach(entry -> printEntry(entry, ownerLabelKey, out));
    }
    if (!none.isEmpty()) {
      if (!first) out.println();
      out.println("no suggestion: " + count(none.size()));
      none.forEach(entry -> printEntry(entry, ownerLabelKey, out));
    }
    out.flush();
  }

  /**
   * Entries of the team with the strongest suggestion first; within a team, strongest first, then
   * in the audit's order.
   */
  private static List<SuggestionReport.Entry> strongestFirst(List<SuggestionReport.Entry> entries) {
    Map<String, Confidence> best = new LinkedHashMap<>();
    Map<String, Integer> size = new LinkedHashMap<>();
    for (SuggestionReport.Entry e : entries) {
      Suggestion s = e.suggestion();
      if (!s.hasTeam()) continue;
      best.merge(s.team(), s.confidence(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
      size.merge(s.team(), 1, Integer::sum);
    }
    Comparator<SuggestionReport.Entry> order =
        Comparator.comparing((SuggestionReport.Entry e) -> best.get(e.suggestion().team()))
            .thenComparing(e -> size.get(e.suggestion().team()), Comparator.reverseOrder())
            .thenComparing(e -> e.suggestion().team())
            .thenComparing(e -> e.suggestion().confidence())
            .thenComparing(e -> e.suggestion().strongestSignal());
    List<SuggestionReport.Entry> sorted =
        new ArrayList<>(entries.stream().filter(e -> e.suggestion().hasTeam()).toList());
    sorted.sort(order); // stable: the audit's order within equal keys
    entries.stream().filter(e -> !e.suggestion().hasTeam()).forEach(sorted::add);
    return sorted;
  }

  private static void printEntry(
      SuggestionReport.Entry entry, String ownerLabelKey, PrintWriter out) {
    Suggestion s = entry.suggestion();
    String confidence = s.hasTeam() ? s.confidence().value() : "-";
    out.println(
        INDENT
            + confidence
            + " ".repeat(Math.max(1, CONFIDENCE_WIDTH - confidence.length()))
            + shown(s.workload()));
    String detail = INDENT + " ".repeat(CONFIDENCE_WIDTH);
    for (Evidence e : s.evidence()) out.println(detail + e.message());
    for (Evidence e : s.conflicting()) out.println(detail + "against: " + e.message());
    if (!s.hasTeam()) out.println(detail + s.reason());
    if (entry.claim() != null) {
      ProposedClaim claim = entry.claim();
      out.println(
          detail
              + "claim: ServiceOwnership "
              + SafeText.of(claim.namespace())
              + "/"
              + claim.name()
              + " (selector "
              + SafeText.of(claim.selectorText())
              + ")");
    } else if (entry.label() != null) {
      out.println(detail + "label: " + labelHint(entry.label(), ownerLabelKey));
    }
  }

  private static String labelHint(ProposedLabel label, String ownerLabelKey) {
    return ClaimManifests.labelCommand(label, ownerLabelKey)
        .orElse(
            "add "
                + SafeText.of(ownerLabelKey)
                + "="
                + SafeText.of(label.team())
                + " to its metadata.labels");
  }

  static void json(SuggestionReport report, String ownerLabelKey, PrintWriter out) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode rows = root.putArray("suggestions");
    for (SuggestionReport.Entry entry : report.entries()) {
      Suggestion s = entry.suggestion();
      ObjectNode row = rows.addObject();
      row.put("namespace", s.workload().namespace());
      row.put("kind", s.workload().kind().kind());
      row.put("name", s.workload().name());
      row.put("team", s.team());
      row.put("confidence", s.hasTeam() ? s.confidence().value() : null);
      row.put("reason", s.reason());
      evidence(row.putArray("evidence"), s.evidence());
      evidence(row.putArray("conflicting"), s.conflicting());
      row.set("claim", claim(entry, ownerLabelKey));
      row.put("origin", entry.audited().origin().toString());
    }
    ObjectNode summary = root.putObject("summary");
    summary.put("unowned", report.entries().size());
    summary.put("suggested", report.entries().size() - report.withoutSuggestion());
    for (Confidence confidence : Confidence.values())
      summary.put(confidence.value(), report.count(confidence));
    summary.put("withoutSuggestion", report.withoutSuggestion());
    ReportWriter.printJson(root, report.audit().problems(), report.exitCode(), out);
  }

  private static void evidence(ArrayNode target, List<Evidence> evidence) {
    for (Evidence e : evidence) {
      ObjectNode node = target.addObject();
      node.put("signal", e.signal().value());
      node.put("value", e.value());
      node.put("team", e.team());
      ArrayNode anchors = node.putArray("anchors");
      for (Anchor anchor : e.anchors()) {
        anchors
            .addObject()
            .put("kind", anchor.kind())
            .put("namespace", anchor.namespace())
            .put("name", anchor.name())
            .put("team", anchor.team());
      }
      node.put("anchorCount", e.anchorCount());
      node.put("message", e.message());
    }
  }

  private static ObjectNode claim(SuggestionReport.Entry entry, String ownerLabelKey) {
    if (entry.claim() != null) {
      ObjectNode claim = JSON.createObjectNode();
      claim.put("kind", "ServiceOwnership");
      claim.put("name", entry.claim().name());
      claim.set("selector", ClaimManifests.serviceOwnership(entry.claim()).at("/spec/selector"));
      return claim;
    }
    if (entry.label() != null) {
      ObjectNode label = JSON.createObjectNode();
      label.put("kind", "label");
      label.put("key", ownerLabelKey);
      label.put("value", entry.label().team());
      label.put("command", ClaimManifests.labelCommand(entry.label(), ownerLabelKey).orElse(null));
      return label;
    }
    return null;
  }

  /**
   * One ServiceOwnership per document; then, as comments, a {@code kubectl label} command per
   * workload that no selector can claim alone. Comments hold only parts checked against Kubernetes'
   * name rules (see {@link ClaimManifests#labelCommand}).
   */
  static void yaml(SuggestionReport report, String ownerLabelKey, PrintWriter out) {
    if (!report.plan().claims().isEmpty()) {
      // Jackson's YAML sequence cannot end without a document: only open one with something in it.
      StringWriter text = new StringWriter();
      try (SequenceWriter documents = YAML.writer().writeValues(text)) {
        for (ProposedClaim claim : report.plan().claims()) {
          documents.write(ClaimManifests.serviceOwnership(claim));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.print(text);
    }
    List<ProposedLabel> labels = report.plan().labels();
    if (!labels.isEmpty()) {
      out.println("---");
      out.println("# No selector claims these workloads without claiming others too.");
      out.println("# Review, then label them (or add the label to their manifests):");
      int unnamed = 0;
      for (ProposedLabel label : labels) {
        Optional<String> command = ClaimManifests.labelCommand(label, ownerLabelKey);
        if (command.isPresent()) {
          out.println("# " + command.get() + "   # confidence " + label.confidence().value());
        } else {
          unnamed++;
        }
      }
      if (unnamed > 0) {
        out.println(
            "# "
                + unnamed
                + " more: not valid Kubernetes names, so no command (see suggest -o text)");
      }
    }
    out.flush();
  }

  private static String shown(WorkloadRef ref) {
    return ref.kind().kind() + " " + SafeText.of(ref.namespace()) + "/" + SafeText.of(ref.name());
  }

  private static String count(int n) {
    return n + (n == 1 ? " workload" : " workloads");
  }

  /**
   * Plain scalars only for words YAML cannot read as anything but a string; everything else
   * double-quoted. Label values such as {@code 0x1f}, {@code 1e3} or {@code 2024-01-01} are numbers
   * or dates to some YAML readers (kubectl's among them) unless quoted.
   */
  private static final class QuoteUnlessPlainWord extends StringQuotingChecker {
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z][A-Za-z0-9._/-]*");

    @Override
    public boolean needToQuoteName(String name) {
      return needsQuotes(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
      return needsQuotes(value);
    }

    private boolean needsQuotes(String text) {
      return !PLAIN_WORD.matcher(text).matches()
          || isReservedKeyword(text)
          || looksLikeYAMLNumber(text);
    }
  }
}
