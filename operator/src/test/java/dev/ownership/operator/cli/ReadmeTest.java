package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.testing.MockCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README stays true: its quick start and test command, a row for every flag of `run`, and the
 * license, security policy and changelog it links to.
 */
class ReadmeTest {
  static String readme() throws Exception {
    return Files.readString(MockCluster.repoRoot().resolve("README.md"));
  }

  /** The commands of the first fenced block under "## Quick start". */
  static List<String> quickStart() throws Exception {
    String text = readme();
    int section = text.indexOf("## Quick start");
    int open = text.indexOf("```sh\n", section);
    int close = text.indexOf("```", open + 6);
    return text.substring(open + 6, close).lines().filter(l -> !l.isBlank()).toList();
  }

  /** The demo output the quick start shows (the fenced block after "What a newcomer sees"). */
  static List<String> newcomerSees() throws Exception {
    String text = readme();
    int at = text.indexOf("What a newcomer sees");
    int open = text.indexOf("```\n", at);
    int close = text.indexOf("```", open + 4);
    return text.substring(open + 4, close).lines().filter(l -> !l.isBlank()).toList();
  }

  @Test
  void quickStartIsTwoCommandsAndCiRunsTheSecond() throws Exception {
    List<String> commands = quickStart();
    assertThat(commands).hasSize(2);
    assertThat(commands.get(0)).contains("demo --once");
    String ci = Files.readString(MockCluster.repoRoot().resolve(".ci/run"));
    assertThat(ci.lines().map(String::trim))
        .as(".ci/run runs exactly the README's test command")
        .contains(commands.get(1));
  }

  @Test
  void everyRunFlagIsDocumentedWithItsEnvironmentVariable() throws Exception {
    String readme = readme();
    CommandLine run = new CommandLine(new RunCommand());
    for (OptionSpec option : run.getCommandSpec().options()) {
      if (option.usageHelp() || option.versionHelp()) continue;
      String flag = option.longestName();
      assertThat(readme)
          .as("README documents %s", flag)
          .contains("| `" + flag + "` | `" + EnvironmentDefaults.variableFor(flag) + "` |");
    }
  }

  /** SHA-256 of the Apache License 2.0 as apache.org publishes it (LICENSE-2.0.txt). */
  static final String APACHE_2_SHA256 =
      "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30";

  @Test
  void theLicenseIsTheApacheLicense2TextAndThePomsSayApache2() throws Exception {
    Path root = MockCluster.repoRoot();
    byte[] license = Files.readAllBytes(root.resolve("LICENSE"));
    assertThat(new String(license, java.nio.charset.StandardCharsets.UTF_8).strip())
        .startsWith("Apache License\n                           Version 2.0, January 2004");
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(license)))
        .as("LICENSE is the unchanged Apache License 2.0 text")
        .isEqualTo(APACHE_2_SHA256);
    assertThat(Files.readString(root.resolve("pom.xml")))
        .containsPattern(
            "<licenses>\\s*<license>\\s*<name>Apache-2.0</name>\\s*"
                + "<url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>");
    assertThat(Files.readString(root.resolve("operator/pom.xml")))
        .as("the image's license label")
        .contains(
            "<org.opencontainers.image.licenses>Apache-2.0</org.opencontainers.image.licenses>");
  }

  @Test
  void theSecurityPolicySaysHowToReportPrivately() throws Exception {
    String policy = Files.readString(MockCluster.repoRoot().resolve("SECURITY.md"));
    int section = policy.indexOf("\n## Reporting a vulnerability\n");
    assertThat(section).as("SECURITY.md has a section on reporting").isNotNegative();
    int next = policy.indexOf("\n## ", section + 1);
    assertThat(policy.substring(section, next < 0 ? policy.length() : next))
        .contains("do **not** open a public issue")
        .contains("Report it privately")
        .contains("private vulnerability reporting");
  }

  @Test
  void theChangelogHasAnUnreleasedSection() throws Exception {
    assertThat(Files.readString(MockCluster.repoRoot().resolve("CHANGELOG.md")))
        .startsWith("# Changelog\n")
        .containsPattern("(?m)^## \\[Unreleased\\]$");
  }

  @Test
  void theReadmeLinksTheLicenseTheSecurityPolicyAndTheChangelog() throws Exception {
    String readme = readme();
    for (String file : List.of("LICENSE", "SECURITY.md", "CHANGELOG.md")) {
      assertThat(readme).contains("](" + file + ")");
      assertThat(MockCluster.repoRoot().resolve(file)).isRegularFile();
    }
  }
}
