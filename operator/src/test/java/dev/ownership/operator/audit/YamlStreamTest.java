package dev.ownership.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.audit.YamlStream.Segment;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlStreamTest {
  @Test
  void numbersDocumentsLikeAYamlParserAndKeepsTheirFirstLine() {
    List<Segment> segments = YamlStream.split("a: 1\n---\nb: 2\n--- # third\nc: 3\n");
    assertThat(segments).extracting(Segment::number).containsExactly(1, 2, 3);
    assertThat(segments).extracting(Segment::firstLine).containsExactly(1, 2, 4);
    assertThat(segments.get(2).text()).contains("# third").contains("c: 3");
  }

  @Test
  void aLeadingMarkerAfterCommentsDoesNotMakeAnEmptyFirstDocument() {
    List<Segment> segments =
        YamlStream.split("# licence header\n# more\n---\nkind: A\n---\nkind: B\n---\n");
    assertThat(segments).extracting(Segment::number).containsExactly(1, 2, 3);
    assertThat(segments.get(0).text()).contains("kind: A");
    assertThat(segments.get(2).isBlank()).as("trailing --- is an empty document").isTrue();
  }

  @Test
  void contentOnTheMarkerLineBelongsToTheDocument() {
    List<Segment> segments = YamlStream.split("--- {kind: A}\n--- {kind: B}\n");
    assertThat(segments).hasSize(2);
    assertThat(segments.get(1).text().strip()).isEqualTo("{kind: B}");
  }

  @Test
  void documentEndMarkersAndIndentedDashesAreHandled() {
    List<Segment> segments =
        YamlStream.split("a: |\n  ---\n  not a marker\n...\n%YAML 1.2\n---\nb: 2\n");
    assertThat(segments).hasSize(2);
    assertThat(segments.get(0).text()).contains("not a marker");
    assertThat(segments.get(1).firstLine()).isEqualTo(6);
  }

  @Test
  void windowsLineEndingsSplitToo() {
    assertThat(YamlStream.split("a: 1\r\n---\r\nb: 2\r\n")).hasSize(2);
  }
}
