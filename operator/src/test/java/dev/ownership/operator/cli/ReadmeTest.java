package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.testing.MockCluster;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The README stays true: its quick start and test command, and a row for every flag of `run`. */
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
}
