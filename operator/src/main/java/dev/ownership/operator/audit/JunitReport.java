package dev.ownership.operator.audit;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The report as JUnit XML, which most CI systems show as test results: one test case per workload
 * (failed when it fails the gate, with its findings), one erroring test case per input error.
 */
public final class JunitReport {
  private JunitReport() {}

  public static void write(AuditReport report, PrintWriter out) {
    long failures = report.failing();
    int errors = report.problems().size();
    int tests = report.workloads().size() + errors;
    out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    String counts =
        " tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"" + errors + "\"";
    out.println("<testsuites name=\"ownership audit\"" + counts + ">");
    out.println("  <testsuite name=\"ownership audit\"" + counts + ">");
    for (AuditedWorkload w : report.workloads()) {
      out.print(
          "    <testcase classname=\""
              + xml(w.ref().namespace() + "." + w.ref().kind().kind())
              + "\" name=\""
              + xml(w.ref().name())
              + "\" file=\""
              + xml(ManifestReader.fileOf(w.origin().source()))
              + "\"");
      if (!report.failOn().fails(w)) {
        out.println("/>");
        continue;
      }
      List<String> lines = new ArrayList<>();
      for (Finding finding : w.findings()) {
        lines.add(finding.origin() + ": " + finding.message() + " Fix: " + finding.hint());
      }
      String first =
          w.findings().isEmpty() ? ReportWriter.verdict(w) : w.findings().get(0).message();
      out.println(">");
      out.println(
          "      <failure type=\"ownership\" message=\""
              + xml(first + " [" + ReportWriter.verdict(w) + "]")
              + "\">"
              + xml(String.join("\n", lines))
              + "</failure>");
      out.println("    </testcase>");
    }
    for (AuditProblem problem : report.problems()) {
      out.println(
          "    <testcase classname=\"input\" name=\""
              + xml(problem.origin().toString())
              + "\"><error type=\"input\" message=\""
              + xml(problem.message())
              + "\"/></testcase>");
    }
    out.println("  </testsuite>");
    out.println("</testsuites>");
    out.flush();
  }

  /** Escaped for XML text and attributes; characters XML 1.0 cannot hold become U+FFFD. */
  static String xml(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\n' -> escaped.append("&#10;");
        default -> {
          boolean allowed = c == '\t' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
          escaped.append(allowed ? c : '\uFFFD');
        }
      }
    }
    return escaped.toString();
  }
}
