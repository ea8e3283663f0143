package dev.ownership.operator.testing;

import dev.ownership.operator.api.Contact;
import dev.ownership.operator.api.ContactType;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.ServiceOwnershipSpec;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.api.TeamSpec;
import dev.ownership.operator.ownership.WorkloadKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import java.util.Map;

/** Builders for the objects tests create. */
public final class Manifests {
  private Manifests() {}

  public static Namespace namespace(String name, Map<String, String> labels) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .build();
  }

  public static ServiceOwnership serviceOwnership(
      String ns, String name, String team, Map<String, String> matchLabels) {
    return serviceOwnership(
        ns, name, team, new LabelSelectorBuilder().withMatchLabels(matchLabels).build());
  }

  public static ServiceOwnership serviceOwnership(
      String ns, String name, String team, LabelSelector selector) {
    ServiceOwnership so = new ServiceOwnership();
    so.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
    ServiceOwnershipSpec spec = new ServiceOwnershipSpec();
    spec.setTeam(team);
    spec.setSelector(selector);
    spec.setContacts(List.of(new Contact(ContactType.SLACK, "#" + team + "-oncall", null)));
    so.setSpec(spec);
    return so;
  }

  /** A registered Team with these aliases and nothing else. */
  public static Team team(String name, String... aliases) {
    Team team = new Team();
    team.setMetadata(new ObjectMetaBuilder().withName(name).build());
    TeamSpec spec = new TeamSpec();
    spec.setAliases(List.of(aliases));
    team.setSpec(spec);
    return team;
  }

  public static PodTemplateSpec template(Map<String, String> labels) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("registry.example/app:1.0")
        .endContainer()
        .endSpec()
        .build();
  }

  /** A workload of any kind with its own labels and pod template labels. */
  public static HasMetadata workload(
      WorkloadKind kind,
      String ns,
      String name,
      Map<String, String> own,
      Map<String, String> templateLabels) {
    ObjectMetaBuilder meta =
        new ObjectMetaBuilder()
            .withNamespace(ns)
            .withName(name)
            .withLabels(own)
            .withAnnotations(Map.of("example.com/keep", "me"));
    PodTemplateSpec template = template(templateLabels);
    LabelSelector selector = new LabelSelectorBuilder().withMatchLabels(templateLabels).build();
    return switch (kind) {
      case DEPLOYMENT ->
          new DeploymentBuilder()
              .withMetadata(meta.build())
              .withNewSpec()
              .withReplicas(2)
              .withSelector(selector)
              .withTemplate(template)
              .endSpec()
              .build();
      case STATEFULSET ->
          new StatefulSetBuilder()
              .withMetadata(meta.build())
              .withNewSpec()
              .withServiceName(name)
              .withSelector(selector)
              .withTemplate(template)
              .endSpec()
              .build();
      case DAEMONSET ->
          new DaemonSetBuilder()
              .withMetadata(meta.build())
              .withNewSpec()
              .withSelector(selector)
              .withTemplate(template)
              .endSpec()
              .build();
      case JOB ->
          new JobBuilder()
              .withMetadata(meta.build())
              .withNewSpec()
              .withTemplate(withRestartNever(template))
              .endSpec()
              .build();
      case CRONJOB ->
          new CronJobBuilder()
              .withMetadata(meta.build())
              .withNewSpec()
              .withSchedule("*/5 * * * *")
              .withNewJobTemplate()
              .withNewSpec()
              .withTemplate(withRestartNever(template))
              .endSpec()
              .endJobTemplate()
              .endSpec()
              .build();
    };
  }

  public static HasMetadata deployment(
      String ns, String name, Map<String, String> own, Map<String, String> templateLabels) {
    return workload(WorkloadKind.DEPLOYMENT, ns, name, own, templateLabels);
  }

  private static PodTemplateSpec withRestartNever(PodTemplateSpec template) {
    template.getSpec().setRestartPolicy("Never");
    return template;
  }
}
