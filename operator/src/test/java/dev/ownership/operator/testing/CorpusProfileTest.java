package dev.ownership.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * CI must run the corpus tests: `.ci/run` sets {@code OWNERSHIP_REQUIRE_CORPUS=1}, and then the
 * profile shared-corpus has to be active (it passes the corpus location). On a fresh clone the
 * variable is unset and the corpus tests are excluded by design.
 */
class CorpusProfileTest {
  @Test
  void ciRunsWithTheCorpusProfile() {
    if (!"1".equals(System.getenv("OWNERSHIP_REQUIRE_CORPUS"))) return;
    String corpus = System.getProperty("ownership.corpus");
    assertThat(corpus)
        .as("the Maven profile shared-corpus is active (it sets ownership.corpus)")
        .isNotBlank();
    assertThat(Files.isRegularFile(Path.of(corpus).resolve("INDEX.md")))
        .as("the corpus is at %s", corpus)
        .isTrue();
    assertThat(Corpus.root()).isDirectory();
  }
}
