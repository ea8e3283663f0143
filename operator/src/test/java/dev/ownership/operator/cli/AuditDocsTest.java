package dev.ownership.operator.cli;

import static dev.ownership.operator.cli.AuditCommandTest.REPO_ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The GitHub Actions workflow, the README's CI section and docs/audit.md stay true: valid YAML, the
 * jar the build makes, pipefail before a pipe into audit, every audit flag documented, and the
 * exit-code tables as the command defines them.
 */
class AuditDocsTest {
  private static final Pattern JAVA_JAR = Pattern.compile("java -jar (\\S+)");

  @Test
  void theWorkflowParsesAndRunsTheGateOnTheJarTheBuildMakes() throws Exception {
    String text = Files.readString(REPO_ROOT.resolve(".github/workflows/ci.yml"));
    Map<String, Object> workflow = new Yaml().load(text);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> jobs = (Map<String, Map<String, Object>>) workflow.get("jobs");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> steps = (List<Map<String, Object>>) jobs.get("build").get("steps");
    List<String> runs = new ArrayList<>();
    steps.forEach(step -> runs.add(String.valueOf(step.getOrDefault("run", ""))));
    assertThat(runs).anySatisfy(run -> assertThat(run).contains("mvn -B verify"));

    String jar = "operator/target/" + finalName() + ".jar";
    List<String> jars = new ArrayList<>();
    Matcher matcher = JAVA_JAR.matcher(text);
    while (matcher.find()) jars.add(matcher.group(1));
    assertThat(jars).isNotEmpty().containsOnly(jar);
    assertThat(runs)
        .anySatisfy(
            run ->
                assertThat(run)
                    .startsWith("set -o pipefail\n")
                    .contains("kubectl kustomize deploy/default | java -jar " + jar + " audit -"));
    assertThat(steps)
        .anySatisfy(
            step -> {
              assertThat(String.valueOf(step.get("uses")))
                  .startsWith("github/codeql-action/upload-sarif@");
              assertThat(String.valueOf(step.get("with"))).contains("sarif_file=audit.sarif");
            });
    assertThat(runs)
        .anySatisfy(run -> assertThat(run).contains("-o sarif").contains("> audit.sarif"));
    // Every piped audit in the workflow is under pipefail.
    for (String run : runs) {
      if (run.contains("| java -jar")) assertThat(run).contains("set -o pipefail");
    }
  }

  @Test
  void theReadmesCiSectionPipesUnderPipefailAndItsExitCodesAreTheCommands() throws Exception {
    String readme = ReadmeTest.readme();
    int start = readme.indexOf("## `audit` as a CI gate");
    String section = readme.substring(start, readme.indexOf("\n## ", start + 5));
    for (String block : section.split("```")) {
      if (block.contains("| java -jar")) assertThat(block).contains("set -o pipefail");
    }
    assertThat(section).contains("set -o pipefail");
    assertExitCodeTable(section);
    assertExitCodeTable(Files.readString(REPO_ROOT.resolve("docs/audit.md")));
  }

  @Test
  void docsNameEveryAuditFlag() throws Exception {
    String docs = Files.readString(REPO_ROOT.resolve("docs/audit.md"));
    for (CommandLine.Model.OptionSpec option :
        new CommandLine(new AuditCommand()).getCommandSpec().options()) {
      if (option.usageHelp() || option.versionHelp()) continue;
      assertThat(java.util.Arrays.stream(option.names()).anyMatch(n -> docs.contains("`" + n)))
          .as("docs/audit.md documents %s", option.longestName())
          .isTrue();
    }
  }

  /**
   * The README's configuration reference lists audit's flags in one parenthesis: every flag the
   * jar's audit accepts (the inherited --verbose included), and every --fail-on level.
   */
  @Test
  void theReadmesCommandListNamesEveryAuditFlag() throws Exception {
    String readme = ReadmeTest.readme();
    int start = readme.indexOf("Commands: `run`, `audit [PATH ...]` (");
    assertThat(start).as("the README's command list").isNotNegative();
    String entry = readme.substring(start, readme.indexOf("\n`demo`", start));
    CommandLine audit = OwnershipCli.commandLine().getSubcommands().get("audit");
    for (CommandLine.Model.OptionSpec option : audit.getCommandSpec().options()) {
      if (option.usageHelp() || option.versionHelp()) continue;
      assertThat(java.util.Arrays.stream(option.names()).anyMatch(n -> entry.contains("`" + n)))
          .as("the README's command list names audit's %s", option.longestName())
          .isTrue();
    }
    String levels =
        java.util.Arrays.stream(dev.ownership.operator.audit.FailOn.values())
            .map(dev.ownership.operator.audit.FailOn::value)
            .collect(java.util.stream.Collectors.joining("|"));
    assertThat(entry).contains("`--fail-on " + levels + "`").contains("-o table|json|sarif|junit");
  }

  /** A row per exit code the command lists, with the code's number first. */
  private static void assertExitCodeTable(String text) {
    String[] codes =
        new CommandLine(new AuditCommand())
            .getCommandSpec()
            .usageMessage()
            .exitCodeList()
            .keySet()
            .toArray(String[]::new);
    assertThat(codes).containsExactly("0", "1", "2");
    for (String code : codes) assertThat(text).containsPattern("\\n\\| " + code + " \\| ");
    assertThat(text).contains("--fail-on unowned").contains("--allow-empty");
  }

  private static String finalName() throws Exception {
    var pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(REPO_ROOT.resolve("operator/pom.xml").toFile());
    // The executable jar is the shade plugin's output; the module's own artifact is only classes.
    String shaded = pom.getElementsByTagName("outputFile").item(0).getTextContent().trim();
    return shaded.substring(shaded.lastIndexOf('/') + 1).replaceFirst("\\.jar$", "");
  }
}
