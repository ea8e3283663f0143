package dev.ownership.operator.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ownership.operator.audit.ManifestReader;

/** Fuzz test of audit's manifest reader (Jazzer; see AdmissionFuzzTest). */
class ManifestFuzzTest {
  /** Any text: documents and problems naming where, never an exception. */
  @FuzzTest(maxDuration = "15s")
  void theManifestReaderReportsInsteadOfThrowing(String text) {
    if (text == null) return; // Jazzer passes null for String parameters; the reader gets text
    ManifestReader.Result yaml = ManifestReader.readText("fuzz.yaml", text, false);
    ManifestReader.Result json = ManifestReader.readText("fuzz.json", text, true);
    yaml.problems().forEach(p -> assertThat(p.toString()).startsWith("fuzz.yaml"));
    json.problems().forEach(p -> assertThat(p.toString()).startsWith("fuzz.json"));
  }
}
