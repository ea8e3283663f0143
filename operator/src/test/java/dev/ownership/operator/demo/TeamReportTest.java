package dev.ownership.operator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.ServiceOwnershipSpec;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.api.TeamSpec;
import dev.ownership.operator.api.TeamStatus;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.testing.MockApiServer;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry part of the demo report, on the CRUD mock, from objects written here. */
@MockApiServer
class TeamReportTest {
  KubernetesClient client;

  String print(TeamRegistryMode mode) {
    StringWriter text = new StringWriter();
    TeamReport.print(client, OwnerLabelKeys.DEFAULT, mode, new PrintWriter(text));
    return text.toString();
  }

  @Test
  void withoutTeamsItSaysSo() {
    assertThat(print(TeamRegistryMode.WARN))
        .isEqualTo("Teams: none registered, so any team name is accepted (kubectl get teams).\n");
    assertThat(TeamReport.settled(client, TeamRegistryMode.WARN)).isTrue();
  }

  @Test
  void itWaitsForTeamStatusesAndTheUnknownTeamEventsThenShowsThem() {
    Team team = new Team();
    team.setMetadata(new ObjectMetaBuilder().withName("payments").withGeneration(1L).build());
    TeamSpec spec = new TeamSpec();
    spec.setAliases(List.of("pay"));
    team.setSpec(spec);
    team = client.resources(Team.class).resource(team).create();
    workload("refunds", "paymnts");
    workload("checkout", "pay");
    ServiceOwnership so = new ServiceOwnership();
    so.setMetadata(new ObjectMetaBuilder().withName("cards").withNamespace("shop").build());
    ServiceOwnershipSpec soSpec = new ServiceOwnershipSpec();
    soSpec.setTeam("pay");
    soSpec.setSelector(new LabelSelectorBuilder().build());
    so.setSpec(soSpec);
    client.resources(ServiceOwnership.class).resource(so).create();

    // No status yet: the report would show stale numbers.
    assertThat(TeamReport.settled(client, TeamRegistryMode.WARN)).isFalse();
    TeamStatus status = new TeamStatus();
    status.setObservedGeneration(team.getMetadata().getGeneration());
    status.setServices(1);
    status.setWorkloads(1);
    status.setConditions(
        List.of(
            new ConditionBuilder()
                .withType("ReviewDue")
                .withStatus("True")
                .withReason("NeverReviewed")
                .withMessage("spec.reviewedAt is not set: confirm the team's data and set it.")
                .build()));
    team.setStatus(status);
    client.resources(Team.class).resource(team).updateStatus();
    // refunds carries a team no Team answers to, and its Event is not there yet.
    assertThat(TeamReport.settled(client, TeamRegistryMode.WARN)).isFalse();
    assertThat(TeamReport.settled(client, TeamRegistryMode.OFF)).isTrue();
    client
        .v1()
        .events()
        .inNamespace("shop")
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName("refunds.1")
                .withNamespace("shop")
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("Deployment")
                .withNamespace("shop")
                .withName("refunds")
                .endInvolvedObject()
                .withReason("UnknownTeam")
                .withMessage(
                    "Deployment shop/refunds: team paymnts (label team) is not a registered Team;"
                        + " did you mean payments?")
                .build())
        .create();
    assertThat(TeamReport.settled(client, TeamRegistryMode.WARN)).isTrue();

    assertThat(print(TeamRegistryMode.WARN))
        .containsPattern("  payments\\s+payments\\s+pay\\s+-\\s+1\\s+1\\s+never\\s+yes\n")
        .contains(
            "  alias       Deployment shop/checkout: label team=pay is an alias of Team payments;"
                + " the operator wrote ownership.dev/team=payments\n",
            "  alias       ServiceOwnership shop/cards: spec.team pay is an alias of Team"
                + " payments\n",
            "  unknown     Deployment shop/refunds: team paymnts (label team) is not a registered"
                + " Team; did you mean payments? (Event UnknownTeam)\n",
            "  review due  Team payments: spec.reviewedAt is not set: confirm the team's data and"
                + " set it.\n");
  }

  /** As the operator leaves it: the label as written, the canonical team in the annotation. */
  private void workload(String name, String label) {
    client
        .apps()
        .deployments()
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("shop")
                .withLabels(Map.of("team", label))
                .withAnnotations(
                    Map.of("ownership.dev/team", label.equals("pay") ? "payments" : label))
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .build())
        .create();
  }
}
