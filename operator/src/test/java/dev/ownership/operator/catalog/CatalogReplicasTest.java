package dev.ownership.operator.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ownership.operator.api.ContactType;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.api.TeamContact;
import dev.ownership.operator.controller.ClusterCache;
import dev.ownership.operator.demo.ExampleManifests;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.testing.Manifests;
import dev.ownership.operator.testing.MockCluster;
import dev.ownership.operator.testing.TestSettings;
import dev.ownership.operator.who.RegisteredTeams;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas' catalogs over their own caches of the same cluster (the examples, on the CRUD mock)
 * answer every page and API route byte for byte the same, before and after a change: a follower is
 * as good as the leader. And the real server sends the pages with their headers.
 */
@EnableKubernetesMockClient(crud = true)
class CatalogReplicasTest {
  static final List<String> ROUTES =
      List.of(
          "/",
          "/?q=pay",
          "/teams/payments",
          "/teams/search",
          "/services/storefront/checkout",
          "/services/payments/gateway",
          "/namespaces/catalog",
          "/namespaces/payments",
          "/workloads/storefront/deployment/checkout-canary",
          "/workloads/catalog/cronjob/catalog-reindex",
          "/api/v1/teams",
          "/api/v1/services",
          "/api/v1/workloads",
          "/api/v1/workloads?status=unowned");

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);

  KubernetesMockServer server;
  KubernetesClient client;
  KubernetesClient leaderClient;
  KubernetesClient followerClient;
  ClusterCache leaderCache;
  ClusterCache followerCache;
  CatalogHandler leader;
  CatalogHandler follower;

  @BeforeEach
  void start() throws Exception {
    new MockCluster(server, client).withCrd();
    for (HasMetadata object :
        ExampleManifests.load(client, MockCluster.repoRoot().resolve("deploy/examples"))) {
      client.resource(object).create();
    }
    leaderClient = server.createClient();
    followerClient = server.createClient();
    leaderCache = new ClusterCache(leaderClient, java.util.Set.of(), TeamRegistryMode.WARN);
    followerCache = new ClusterCache(followerClient, java.util.Set.of(), TeamRegistryMode.WARN);
    leader = handler(leaderCache);
    follower = handler(followerCache);
    leaderCache.start(Duration.ofSeconds(30));
    followerCache.start(Duration.ofSeconds(30));
  }

  static CatalogHandler handler(ClusterCache cache) {
    var settings = TestSettings.defaults();
    OwnerResolver resolver = new OwnerResolver(settings.ownerLabelKeys());
    return new CatalogHandler(
        new Catalog(
            new ClusterCatalogSource(cache, settings),
            resolver,
            // As OwnershipOperator wires it: the replica's own Team cache.
            new RegisteredTeams(cache::teams, Duration.ofDays(180), CLOCK)));
  }

  @AfterEach
  void stop() {
    leaderCache.close();
    followerCache.close();
    leaderClient.close();
    followerClient.close();
  }

  static String answer(CatalogHandler handler, String route) {
    int q = route.indexOf('?');
    CatalogResponse response =
        handler.handle(
            CatalogRequest.of(
                "GET",
                q < 0 ? route : route.substring(0, q),
                q < 0 ? null : route.substring(q + 1)));
    assertThat(response.status()).as(route).isEqualTo(200);
    return response.text();
  }

  @Test
  void followerAndLeaderAnswerEveryRouteTheSame() {
    for (String route : ROUTES) {
      assertThat(answer(follower, route)).as(route).isEqualTo(answer(leader, route));
    }
    assertThat(answer(leader, "/"))
        .contains("<strong>75.0%</strong> of 12 workloads have an owner")
        .contains("<a href=\"/services/payments/gateway\">payment-gateway</a>");
  }

  @Test
  void bothSeeAChangeOnceTheirCachesHaveIt() {
    String before = answer(leader, "/namespaces/sandbox");
    assertThat(before).contains("Deployment scratch</a><div class=\"fix\">");
    client
        .apps()
        .deployments()
        .inNamespace("sandbox")
        .withName("scratch")
        .edit(
            d -> {
              d.getMetadata().setLabels(Map.of("ownership.dev/team", "lab"));
              return d;
            });
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(answer(leader, "/namespaces/sandbox"))
                  .contains("<h2>Unowned workloads</h2><p>None.</p>");
              assertThat(answer(follower, "/namespaces/sandbox"))
                  .contains("<h2>Unowned workloads</h2><p>None.</p>");
            });
    for (String route : ROUTES) {
      assertThat(answer(follower, route)).as(route).isEqualTo(answer(leader, route));
    }
  }

  @Test
  void bothShowATeamOnceTheirCachesHaveItAndItsAliasReResolves() {
    client
        .apps()
        .deployments()
        .inNamespace("sandbox")
        .withName("scratch")
        .edit(
            d -> {
              d.getMetadata().setLabels(Map.of("ownership.dev/team", "sandbox-crew"));
              return d;
            });
    String card = "/workloads/sandbox/deployment/scratch";
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(answer(follower, card)).contains("href=\"/teams/sandbox-crew\""));

    Team lab = Manifests.team("lab", "sandbox-crew");
    lab.getSpec().setDisplayName("The <Lab>");
    lab.getSpec()
        .setContacts(List.of(new TeamContact(ContactType.SLACK, "#lab", null, Boolean.TRUE)));
    lab.getSpec().setReviewedAt("2026-10-01");
    client.resource(lab).createOr(NonDeletingOperation::update);

    // Creating the Team moves no workload: only the registry's change can re-resolve the alias.
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              for (CatalogHandler replica : List.of(leader, follower)) {
                assertThat(answer(replica, card))
                    .contains("<a href=\"/teams/lab\">lab</a> (The &lt;Lab&gt;)")
                    .contains("#lab")
                    .contains("reviewed 2026-10-01");
                assertThat(answer(replica, "/teams/sandbox-crew"))
                    .contains("<h1>Team The &lt;Lab&gt;</h1>");
              }
            });
    for (String route : ROUTES) {
      assertThat(answer(follower, route)).as(route).isEqualTo(answer(leader, route));
    }
  }

  @Test
  void theServerSendsPagesWithSecurityHeadersAndAnswersHeadWithoutABody() throws Exception {
    try (CatalogServer http =
        new CatalogServer(new InetSocketAddress("127.0.0.1", 0), leader).start()) {
      HttpClient browser = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + http.port();
      HttpResponse<String> page =
          browser.send(
              HttpRequest.newBuilder(URI.create(base + "/teams/payments")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).isEqualTo(answer(leader, "/teams/payments"));
      assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
          .startsWith("default-src 'none'; script-src 'self';");
      assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      HttpResponse<String> head =
          browser.send(
              HttpRequest.newBuilder(URI.create(base + "/"))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      HttpResponse<String> post =
          browser.send(
              HttpRequest.newBuilder(URI.create(base + "/"))
                  .POST(HttpRequest.BodyPublishers.ofString("x"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
      assertThat(
              browser
                  .send(
                      HttpRequest.newBuilder(URI.create(base + "/teams/nobody")).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(404);
    }
  }
}
