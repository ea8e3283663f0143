package dev.ownership.operator.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No Java line is longer than 120 characters. google-java-format (spotless) wraps code at 100, but
 * it leaves a string literal without spaces and a long comment word as they are; this catches them.
 */
class LineLengthTest {
  static final int MAX = 120;

  /** The operator's sources and the benchmarks' beside it: every Java file of the build. */
  static final List<Path> ROOTS = List.of(Path.of("src"), Path.of("../benchmarks/src"));

  @Test
  void noJavaLineIsLongerThan120Characters() throws IOException {
    List<String> tooLong = new ArrayList<>();
    int files = 0;
    for (Path root : ROOTS) {
      assertThat(root)
          .as("%s must exist (run the tests from the operator module)", root.toAbsolutePath())
          .isDirectory();
      List<Path> sources;
      try (Stream<Path> walk = Files.walk(root)) {
        sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      }
      for (Path source : sources) {
        files++;
        tooLong.addAll(longLines(source));
      }
    }
    assertThat(files).as("Java files scanned").isGreaterThan(100);
    assertThat(tooLong)
        .as("lines over %d characters: split the literal into + pieces or reword the comment", MAX)
        .isEmpty();
  }

  static List<String> longLines(Path source) throws IOException {
    List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
    List<String> tooLong = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      int length = lines.get(i).codePointCount(0, lines.get(i).length());
      if (length > MAX) tooLong.add(source + ":" + (i + 1) + " (" + length + ")");
    }
    return tooLong;
  }
}
