package dev.ownership.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docs/install.md as tests read it: its text and its YAML examples. */
final class InstallDocs {
  private static final Pattern YAML_BLOCK = Pattern.compile("(?s)```yaml\n(.*?)```");

  private InstallDocs() {}

  static String text() throws IOException {
    return Files.readString(Kustomize.REPO_ROOT.resolve("docs/install.md"));
  }

  /** The one ```yaml block of docs/install.md that contains {@code marker}. */
  static String yamlBlock(String marker) throws IOException {
    return only(marker, block -> block.contains(marker));
  }

  /** The one ```yaml block of docs/install.md that starts with {@code start}. */
  static String yamlBlockStartingWith(String start) throws IOException {
    return only(start, block -> block.startsWith(start));
  }

  private static String only(String description, Predicate<String> test) throws IOException {
    List<String> found = new ArrayList<>();
    Matcher m = YAML_BLOCK.matcher(text());
    while (m.find()) {
      if (test.test(m.group(1))) found.add(m.group(1));
    }
    assertThat(found).as("yaml blocks in docs/install.md with %s", description).hasSize(1);
    return found.get(0);
  }

  /**
   * An overlay example of docs/install.md without its comment and {@code resources:} entry (which
   * points into the user's own layout), ready for {@link Kustomize#renderOverlay}.
   */
  static String overlayAfterResources(String marker) throws IOException {
    String block = yamlBlock(marker);
    Matcher resources = Pattern.compile("(?m)^resources:\n- [^\n]*\n").matcher(block);
    assertThat(resources.find()).as("the example for %s has a resources entry", marker).isTrue();
    return block.substring(resources.end());
  }
}
