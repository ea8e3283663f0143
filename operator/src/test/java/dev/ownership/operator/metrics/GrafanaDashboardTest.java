package dev.ownership.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * deploy/grafana's dashboard as Grafana lays it out: unique panel ids, no two panels on the same
 * cells, and the Team registry's metrics charted. (Whether its PromQL evaluates on real data is
 * OwnershipMetricsPrometheusIT's job.)
 */
class GrafanaDashboardTest {
  static final Path DASHBOARD =
      PrometheusRulesTest.REPO.resolve("deploy/grafana/ownership-dashboard.json");

  record Cell(String title, int x, int y, int w, int h) {
    boolean overlaps(Cell o) {
      return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
    }
  }

  static List<JsonNode> panels() throws IOException {
    List<JsonNode> panels = new ArrayList<>();
    new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels").forEach(panels::add);
    return panels;
  }

  @Test
  void panelsHaveUniqueIdsAndNeverShareACell() throws IOException {
    Set<Integer> ids = new HashSet<>();
    List<Cell> cells = new ArrayList<>();
    for (JsonNode panel : panels()) {
      assertThat(ids.add(panel.path("id").asInt())).as("id of %s", panel.path("title")).isTrue();
      JsonNode g = panel.path("gridPos");
      Cell cell =
          new Cell(
              panel.path("title").asText(),
              g.path("x").asInt(),
              g.path("y").asInt(),
              g.path("w").asInt(),
              g.path("h").asInt());
      assertThat(cell.x() + cell.w())
          .as("%s fits the 24 columns", cell.title())
          .isLessThanOrEqualTo(24);
      for (Cell other : cells) {
        assertThat(cell.overlaps(other))
            .as("%s overlaps %s", cell.title(), other.title())
            .isFalse();
      }
      cells.add(cell);
    }
  }

  @Test
  void theTeamRegistryRowChartsBothOfItsMetrics() throws IOException {
    Set<String> charted = new HashSet<>();
    for (PromqlExpressions.Expression e : PromqlExpressions.dashboard(DASHBOARD)) {
      charted.addAll(PromqlExpressions.metricNames(e.promql()));
    }
    assertThat(charted)
        .contains("ownership_unregistered_team_workloads", "ownership_team_review_due");
    assertThat(panels()).extracting(p -> p.path("title").asText()).contains("Team registry");
  }
}
