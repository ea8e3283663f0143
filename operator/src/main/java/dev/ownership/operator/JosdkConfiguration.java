package dev.ownership.operator;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.api.TeamSpec;
import dev.ownership.operator.config.OperatorSettings;
import dev.ownership.operator.controller.ClusterCache;
import dev.ownership.operator.controller.ServiceOwnershipReconciler;
import dev.ownership.operator.controller.TeamReconciler;
import dev.ownership.operator.leadership.LeaderLifecycle;
import dev.ownership.operator.metrics.MeterRegistries;
import dev.ownership.operator.net.FieldManager;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that maps the operator's settings onto the Java Operator SDK. */
final class JosdkConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(JosdkConfiguration.class);
  static final Duration LEASE_DURATION = Duration.ofSeconds(15);
  static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
  static final Duration RETRY_PERIOD = Duration.ofSeconds(2);

  private JosdkConfiguration() {}

  static Operator operator(
      KubernetesClient client,
      OperatorSettings settings,
      MeterRegistry registry,
      String identity,
      LeaderLifecycle leadership) {
    return new Operator(
        o -> {
          // Its status and finalizer patches and the leader elector's Lease writes then name the
          // operator too: JOSDK passes its fieldManager only to server-side-apply patches.
          o.withKubernetesClient(FieldManager.naming(client))
              .withUseSSAToPatchPrimaryResource(false)
              .withCloseClientOnStop(false)
              .withMetrics(
                  new LoggedReconciliationFailures(MeterRegistries.reconciliation(registry)));
          if (settings.leaderElection()) {
            o.withLeaderElectionConfiguration(
                new LeaderElectionConfiguration(
                    settings.leaseName(),
                    settings.operatorNamespace(),
                    LEASE_DURATION,
                    RENEW_DEADLINE,
                    RETRY_PERIOD,
                    identity,
                    new LeaderCallbacks(
                        leadership::startLeading,
                        leadership::stopLeading,
                        leader -> LOG.info("Leader is now {}", leader)),
                    // Never JOSDK's exit: it also fires when close() cancels the election, i.e.
                    // inside the SIGTERM shutdown hook, where System.exit blocks forever. The
                    // lifecycle exits instead.
                    false));
          }
        });
  }

  /**
   * Registers the status reconciler. Its informer keeps only what the framework needs of each
   * ServiceOwnership (identity, finalizers, generation, status); the spec lives once, in the
   * operator's own cache. Like every informer the operator starts, it lists in pages of {@link
   * ClusterCache#LIST_PAGE_SIZE}.
   */
  static void register(
      Operator operator, ServiceOwnershipReconciler reconciler, OperatorSettings settings) {
    operator.register(
        reconciler,
        o -> {
          o.withItemStore(new TransformingItemStore<>(JosdkConfiguration::withoutSpec));
          o.withInformerListLimit(ClusterCache.LIST_PAGE_SIZE);
          if (!settings.watchesAllNamespaces()) o.settingNamespaces(settings.watchedNamespaces());
        });
  }

  /**
   * Registers the Team status reconciler, its informer listing in pages too. That informer keeps of
   * each Team only identity, generation, status and {@code spec.reviewedAt} (the review clock the
   * reconciler reads from its primary); the rest of the spec lives once, in the operator's cache.
   */
  static void register(Operator operator, TeamReconciler reconciler) {
    operator.register(
        reconciler,
        o -> {
          o.withItemStore(new TransformingItemStore<>(JosdkConfiguration::withReviewDateOnly));
          o.withInformerListLimit(ClusterCache.LIST_PAGE_SIZE);
        });
  }

  private static ServiceOwnership withoutSpec(ServiceOwnership so) {
    ServiceOwnership slim = new ServiceOwnership();
    slim.setMetadata(slimMetadata(so));
    slim.setStatus(so.getStatus());
    slim.setSpec(null);
    return slim;
  }

  private static Team withReviewDateOnly(Team team) {
    Team slim = new Team();
    slim.setMetadata(slimMetadata(team));
    slim.setStatus(team.getStatus());
    TeamSpec spec = new TeamSpec();
    spec.setReviewedAt(team.getSpec() == null ? null : team.getSpec().getReviewedAt());
    slim.setSpec(spec);
    return slim;
  }

  /** What JOSDK reads of a primary's metadata: no managed fields, no annotations. */
  private static ObjectMeta slimMetadata(HasMetadata resource) {
    return new ObjectMetaBuilder(resource.getMetadata())
        .withManagedFields()
        .withAnnotations(null)
        .build();
  }
}
