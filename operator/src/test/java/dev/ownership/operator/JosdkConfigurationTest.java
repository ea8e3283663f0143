package dev.ownership.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.api.ContactType;
import dev.ownership.operator.api.Member;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.ServiceOwnershipSpec;
import dev.ownership.operator.api.ServiceOwnershipStatus;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.api.TeamContact;
import dev.ownership.operator.api.TeamSpec;
import dev.ownership.operator.api.TeamStatus;
import dev.ownership.operator.controller.ClusterCache;
import dev.ownership.operator.controller.OwnershipLedger;
import dev.ownership.operator.controller.ServiceOwnershipReconciler;
import dev.ownership.operator.controller.StatusRequests;
import dev.ownership.operator.controller.TeamReconciler;
import dev.ownership.operator.controller.TeamStatusBuilder;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.testing.TestSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * JOSDK's informers cache each ServiceOwnership and Team a second time (ADR 1); they must keep only
 * what the status reconcilers read, so a spec is held once, in {@link ClusterCache}. Checked on the
 * item stores that {@link JosdkConfiguration} registers, which are what those informers fill.
 */
class JosdkConfigurationTest {
  static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

  // Never contacted: registering a controller configures its informer without starting it.
  final KubernetesClient client =
      new KubernetesClientBuilder()
          .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build())
          .build();
  final Operator operator = new Operator(o -> o.withKubernetesClient(client));

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void josdksServiceOwnershipCacheHoldsNoSpecButWhatTheReconcilerNeeds() {
    JosdkConfiguration.register(
        operator,
        new ServiceOwnershipReconciler(
            new OwnershipLedger(),
            new StatusRequests(),
            new ClusterCache(client, Set.of()),
            Clock.systemUTC()),
        TestSettings.defaults());

    ServiceOwnership full = new ServiceOwnership();
    full.setMetadata(heavyMetadata("checkout", "shop"));
    ServiceOwnershipSpec spec = new ServiceOwnershipSpec();
    spec.setTeam("payments");
    spec.setDescription("Turns carts into orders");
    spec.setSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "cart")).build());
    full.setSpec(spec);
    ServiceOwnershipStatus status = new ServiceOwnershipStatus();
    status.setMatchedWorkloads(3);
    full.setStatus(status);

    ServiceOwnership cached = throughStore(ServiceOwnershipReconciler.NAME, full);

    assertThat(cached.getSpec()).isNull();
    assertSlimMetadata(cached.getMetadata(), full.getMetadata());
    assertThat(cached.getStatus()).isEqualTo(status);
  }

  @Test
  void josdksTeamCacheKeepsOnlyTheReviewDateOfTheSpecAndTheStatusComesOutTheSame() {
    JosdkConfiguration.register(
        operator,
        new TeamReconciler(
            new OwnershipLedger(),
            new StatusRequests(),
            new ClusterCache(client, Set.of(), TeamRegistryMode.WARN),
            Duration.ofDays(90),
            Clock.systemUTC(),
            (team, due) -> {}));

    Team full = new Team();
    full.setMetadata(heavyMetadata("payments", null));
    TeamSpec spec = new TeamSpec();
    spec.setDisplayName("Payments");
    spec.setDescription("Checkout, billing and refunds");
    spec.setAliases(List.of("pay", "billing"));
    spec.setParent("commerce");
    spec.setContacts(
        List.of(new TeamContact(ContactType.SLACK, "#payments", "Payments channel", true)));
    spec.setMembers(List.of(new Member("ada", "ada@example.org", Member.Role.MANAGER)));
    spec.setReviewedAt("2026-10-01");
    full.setSpec(spec);
    TeamStatus previous = new TeamStatus();
    previous.setWorkloads(1);
    full.setStatus(previous);

    Team cached = throughStore(TeamReconciler.NAME, full);

    TeamSpec kept = cached.getSpec();
    assertThat(kept.getReviewedAt()).isEqualTo("2026-10-01");
    assertThat(kept.getDisplayName()).isNull();
    assertThat(kept.getDescription()).isNull();
    assertThat(kept.getParent()).isNull();
    assertThat(kept.getAliases()).isEmpty();
    assertThat(kept.getContacts()).isEmpty();
    assertThat(kept.getMembers()).isEmpty();
    assertSlimMetadata(cached.getMetadata(), full.getMetadata());
    assertThat(cached.getStatus()).isEqualTo(previous);

    // What the reconciler computes from its primary is the same for the slim copy.
    TeamRegistry registry = TeamRegistry.of(List.of(full), TeamRegistryMode.WARN);
    List<WorkloadRef> none = List.of();
    Duration period = Duration.ofDays(30);
    assertThat(statusOf(cached, registry, none, period))
        .isEqualTo(statusOf(full, registry, none, period));
    assertThat(TeamStatusBuilder.review(cached, period, NOW))
        .isEqualTo(TeamStatusBuilder.review(full, period, NOW));
    assertThat(TeamStatusBuilder.review(cached, period, NOW).due()).isTrue();
  }

  private static TeamStatus statusOf(
      Team team, TeamRegistry registry, List<WorkloadRef> workloads, Duration period) {
    return TeamStatusBuilder.build(
        team, registry, 2, workloads, TeamStatusBuilder.review(team, period, NOW), NOW);
  }

  @SuppressWarnings("unchecked")
  private <R extends HasMetadata> R throughStore(String controller, R resource) {
    ItemStore<R> store =
        (ItemStore<R>)
            operator
                .getRegisteredController(controller)
                .orElseThrow()
                .getConfiguration()
                .getInformerConfig()
                .getItemStore();
    assertThat(store).as("the item store of controller %s", controller).isNotNull();
    String key = store.getKey(resource);
    store.put(key, resource);
    return store.get(key);
  }

  private static ObjectMeta heavyMetadata(String name, String namespace) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(namespace)
        .withUid("uid-" + name)
        .withResourceVersion("42")
        .withGeneration(7L)
        .withFinalizers("ownership.dev/status")
        .withLabels(Map.of("app", name))
        .withAnnotations(
            Map.of("kubectl.kubernetes.io/last-applied-configuration", "{\"spec\":{}}".repeat(50)))
        .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").build())
        .build();
  }

  private static void assertSlimMetadata(ObjectMeta cached, ObjectMeta full) {
    assertThat(cached.getName()).isEqualTo(full.getName());
    assertThat(cached.getNamespace()).isEqualTo(full.getNamespace());
    assertThat(cached.getUid()).isEqualTo(full.getUid());
    assertThat(cached.getResourceVersion()).isEqualTo("42");
    assertThat(cached.getGeneration()).isEqualTo(7L);
    assertThat(cached.getFinalizers()).containsExactly("ownership.dev/status");
    assertThat(cached.getAnnotations()).isNullOrEmpty();
    assertThat(cached.getManagedFields()).isNullOrEmpty();
  }
}
