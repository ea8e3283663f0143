package dev.ownership.operator.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The "Packages" list of docs/architecture.md says which of the operator's packages each package
 * may import; this keeps it equal to what the main code depends on, both ways: a new dependency
 * must be written there, and a line naming one that is gone must go. "Depends on" is what the
 * compiled classes use or the sources import: the compiler inlines an imported constant, so the
 * bytecode alone would miss it.
 */
class PackageTableTest {
  static final Path PAGE = Path.of("../docs/architecture.md");
  static final Path SOURCES = Path.of("src/main/java/dev/ownership/operator");
  static final String ROOT = "dev.ownership.operator";
  static final String ROOT_NAME = "root";

  private static final Pattern ENTRY = Pattern.compile("^- \\*\\*(?:`([a-z]+)`|(root))\\*\\*");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?dev\\.ownership\\.operator\\.([a-z]+\\.)?[A-Z]");
  private static final Pattern BACKTICKED = Pattern.compile("`([a-z]+)`");

  @Test
  void thePackageListOfTheArchitecturePageMatchesTheCompiledDependencies() throws IOException {
    Map<String, Set<String>> actual = dependencies();
    sourceImports().forEach((pkg, imports) -> actual.merge(pkg, imports, PackageTableTest::union));
    Map<String, Set<String>> documented =
        documented(Files.readString(PAGE, StandardCharsets.UTF_8), actual.keySet());

    List<String> wrong = new ArrayList<>();
    for (String pkg : actual.keySet()) {
      if (!documented.containsKey(pkg)) {
        wrong.add("`" + pkg + "` has no entry (it imports " + actual.get(pkg) + ")");
        continue;
      }
      Set<String> missing = new TreeSet<>(actual.get(pkg));
      missing.removeAll(documented.get(pkg));
      Set<String> stale = new TreeSet<>(documented.get(pkg));
      stale.removeAll(actual.get(pkg));
      if (!missing.isEmpty()) wrong.add("`" + pkg + "` imports " + missing + ", not listed");
      if (!stale.isEmpty()) wrong.add("`" + pkg + "` lists " + stale + ", no longer imported");
    }
    for (String pkg : documented.keySet()) {
      if (!actual.containsKey(pkg)) wrong.add("`" + pkg + "` has an entry but no classes");
    }
    assertThat(wrong).as("%s, section Packages: fix the \"May import\" lines", PAGE).isEmpty();
  }

  @Test
  void theListIsReadAsWritten() {
    String page =
        """
        ## Packages

        - **`a`**: owns `b` things.
          May import: `b` (why), the root package; a library.
        - **`b`**: owns.
          May import: none.
        - **root** (`x`): wiring.
          May import: `a`,
          `b`; JOSDK.

        ## Next
        - **`c`**: not in the section.
          May import: `a`.
        """;
    assertThat(documented(page, Set.of("a", "b", "c", ROOT_NAME)))
        .isEqualTo(Map.of("a", Set.of("b", ROOT_NAME), "b", Set.of(), ROOT_NAME, Set.of("a", "b")));
  }

  /** Package → the other operator packages its main classes depend on ({@code root} for ROOT). */
  static Map<String, Set<String>> dependencies() {
    JavaClasses main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    Map<String, Set<String>> imports = new TreeMap<>();
    for (JavaClass javaClass : main) {
      String from = packageOf(javaClass);
      if (from == null) continue;
      Set<String> targets = imports.computeIfAbsent(from, k -> new TreeSet<>());
      for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
        String to = packageOf(dependency.getTargetClass().getBaseComponentType());
        if (to != null && !to.equals(from)) targets.add(to);
      }
    }
    return imports;
  }

  /** Package → the other operator packages its main sources import. */
  static Map<String, Set<String>> sourceImports() throws IOException {
    assertThat(SOURCES).as("%s (run from the operator module)", SOURCES).isDirectory();
    Map<String, Set<String>> imports = new TreeMap<>();
    List<Path> sources;
    try (Stream<Path> walk = Files.walk(SOURCES)) {
      sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    for (Path source : sources) {
      Path dir = SOURCES.relativize(source).getParent();
      String from = dir == null ? ROOT_NAME : dir.getName(0).toString();
      Set<String> targets = imports.computeIfAbsent(from, k -> new TreeSet<>());
      for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
        Matcher matcher = IMPORT.matcher(line);
        if (!matcher.find()) continue;
        String to = matcher.group(1) == null ? ROOT_NAME : matcher.group(1).replace(".", "");
        if (!to.equals(from)) targets.add(to);
      }
    }
    return imports;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> both = new TreeSet<>(a);
    both.addAll(b);
    return both;
  }

  private static String packageOf(JavaClass javaClass) {
    String name = javaClass.getPackageName();
    if (name.equals(ROOT)) return ROOT_NAME;
    if (!name.startsWith(ROOT + ".")) return null;
    String rest = name.substring(ROOT.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  /** Package → the packages its entry's "May import" names, from the Packages section alone. */
  static Map<String, Set<String>> documented(String page, Set<String> packages) {
    int start = ("\n" + page).indexOf("\n## Packages\n");
    assertThat(start).as("%s has a section \"## Packages\"", PAGE).isNotNegative();
    int end = page.indexOf("\n## ", start + 1);
    String section = page.substring(start, end < 0 ? page.length() : end);

    Map<String, Set<String>> documented = new TreeMap<>();
    String current = null;
    StringBuilder entry = new StringBuilder();
    for (String line : (section + "\n\n").split("\n", -1)) {
      Matcher header = ENTRY.matcher(line);
      boolean ends = header.find() || line.isBlank();
      if (ends && current != null) {
        documented.put(current, mayImport(current, entry.toString(), packages));
        current = null;
      }
      if (header.find(0)) {
        current = header.group(1) != null ? header.group(1) : ROOT_NAME;
        entry.setLength(0);
      }
      if (current != null) entry.append(line).append('\n');
    }
    return documented;
  }

  private static Set<String> mayImport(String pkg, String entry, Set<String> packages) {
    int at = entry.indexOf("May import:");
    assertThat(at).as("the entry of `%s` has a \"May import:\" line", pkg).isNotNegative();
    String text = entry.substring(at);
    Set<String> names = new TreeSet<>();
    Matcher matcher = BACKTICKED.matcher(text);
    while (matcher.find()) if (packages.contains(matcher.group(1))) names.add(matcher.group(1));
    if (text.contains("the root package")) names.add(ROOT_NAME);
    return names;
  }
}
