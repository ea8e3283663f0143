package dev.ownership.operator.demo;

import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.who.CardText;
import dev.ownership.operator.who.ClusterReader;
import dev.ownership.operator.who.OwnerCards;
import dev.ownership.operator.who.SuggestionSource;
import dev.ownership.operator.who.Target;
import dev.ownership.operator.who.TeamDirectory;
import dev.ownership.operator.who.WhoLookup;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * What Kubernetes' controllers would have made below the example workloads — a ReplicaSet and a pod
 * per Deployment, a Job and a pod per CronJob, a pod per StatefulSet, DaemonSet and Job — because
 * the in-process API has no controllers. With them {@code who} can start from a pod, as one does at
 * 3 a.m. Names are derived from the workload's, so they are the same on every run.
 */
final class DemoPods {
  /** The pod the demo asks {@code who} about: checkout's, in the namespace that enforces. */
  static final String EXAMPLE_DEPLOYMENT = "checkout";

  static final String EXAMPLE_NAMESPACE = OwnershipDemo.ENFORCED_NAMESPACE;

  /** Kubernetes' alphabet for generated name suffixes (no vowels, no look-alikes). */
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final String examplePod;

  private DemoPods(String examplePod) {
    this.examplePod = examplePod;
  }

  static DemoPods create(KubernetesClient client) {
    String example = null;
    for (Deployment d : client.apps().deployments().inAnyNamespace().list().getItems()) {
      String rs = d.getMetadata().getName() + "-" + suffix(d.getMetadata().getName(), 10);
      HasMetadata replicaSet =
          client
              .resource(
                  new ReplicaSetBuilder()
                      .withMetadata(child(d, rs))
                      .withNewSpec()
                      .withSelector(d.getSpec().getSelector())
                      .withTemplate(d.getSpec().getTemplate())
                      .endSpec()
                      .build())
              .create();
      String pod = pod(client, replicaSet, d.getSpec().getTemplate(), rs + "-" + suffix(rs, 5));
      if (d.getMetadata().getName().equals(EXAMPLE_DEPLOYMENT)
          && d.getMetadata().getNamespace().equals(EXAMPLE_NAMESPACE)) example = pod;
    }
    for (var s : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
      pod(client, s, s.getSpec().getTemplate(), s.getMetadata().getName() + "-0");
    }
    for (var ds : client.apps().daemonSets().inAnyNamespace().list().getItems()) {
      String name = ds.getMetadata().getName();
      pod(client, ds, ds.getSpec().getTemplate(), name + "-" + suffix(name, 5));
    }
    for (var job : client.batch().v1().jobs().inAnyNamespace().list().getItems()) {
      String name = job.getMetadata().getName();
      pod(client, job, job.getSpec().getTemplate(), name + "-" + suffix(name, 5));
    }
    for (CronJob cj : client.batch().v1().cronjobs().inAnyNamespace().list().getItems()) {
      // A CronJob's Jobs are named after the scheduled minute; any fixed number does here.
      String jobName = cj.getMetadata().getName() + "-29000000";
      HasMetadata job =
          client
              .resource(
                  new JobBuilder()
                      .withMetadata(child(cj, jobName))
                      .withSpec(cj.getSpec().getJobTemplate().getSpec())
                      .build())
              .create();
      pod(
          client,
          job,
          cj.getSpec().getJobTemplate().getSpec().getTemplate(),
          jobName + "-" + suffix(jobName, 5));
    }
    return new DemoPods(example);
  }

  /** The target to try, e.g. pod/checkout-5fbd8c7mx4-q2t6z. */
  String example() {
    return "pod/" + examplePod;
  }

  String exampleNamespace() {
    return EXAMPLE_NAMESPACE;
  }

  /** Prints what {@code kubectl ownership who} says about the example pod. */
  void showWho(KubernetesClient client, OwnerLabelKeys keys, PrintWriter out) {
    if (examplePod == null) return;
    out.println(
        "Who owns a pod? (what kubectl ownership who prints; it resolves from what it reads)");
    out.println("$ kubectl ownership who " + example() + " -n " + EXAMPLE_NAMESPACE);
    WhoLookup who =
        new WhoLookup(
            new ClusterReader(client),
            new OwnerResolver(keys),
            new OwnerCards(keys, TeamDirectory.NONE, SuggestionSource.NONE));
    CardText.answer(who.lookup(Target.parse(List.of(example())), EXAMPLE_NAMESPACE), out);
  }

  private static ObjectMeta child(HasMetadata owner, String name) {
    return new ObjectMetaBuilder()
        .withNamespace(owner.getMetadata().getNamespace())
        .withName(name)
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .build();
  }

  private static String pod(
      KubernetesClient client, HasMetadata owner, PodTemplateSpec template, String name) {
    ObjectMeta meta = child(owner, name);
    Map<String, String> labels =
        template.getMetadata() == null ? null : template.getMetadata().getLabels();
    meta.setLabels(labels);
    client
        .resource(new PodBuilder().withMetadata(meta).withSpec(template.getSpec()).build())
        .create();
    return name;
  }

  /** A stable stand-in for the random suffixes controllers add. */
  private static String suffix(String seed, int length) {
    StringBuilder out = new StringBuilder(length);
    long h = seed.hashCode() & 0xffffffffL;
    for (int i = 0; i < length; i++) {
      h = h * 6364136223846793005L + 1442695040888963407L;
      out.append(ALPHABET.charAt((int) Long.remainderUnsigned(h >>> 33, ALPHABET.length())));
    }
    return out.toString();
  }
}
