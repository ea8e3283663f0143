package dev.ownership.operator.admission;

import dev.ownership.operator.ownership.ControllerReference;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import java.util.List;
import java.util.Map;

/**
 * The few parts of a reviewed object that the admission decision reads. Both pod template label
 * sets are kept because the request's kind may only be known after the object was read.
 *
 * @param apiVersion the object's own apiVersion (a fallback when the request carries no kind)
 * @param templateLabels {@code spec.template.metadata.labels}
 * @param jobTemplateLabels {@code spec.jobTemplate.spec.template.metadata.labels} (CronJob)
 */
public record ReviewedObject(
    String apiVersion,
    String kind,
    String name,
    String generateName,
    String namespace,
    Map<String, String> labels,
    Map<String, String> templateLabels,
    Map<String, String> jobTemplateLabels,
    List<ControllerReference> ownerReferences) {

  public ReviewedObject {
    labels = labels == null ? Map.of() : labels;
    templateLabels = templateLabels == null ? Map.of() : templateLabels;
    jobTemplateLabels = jobTemplateLabels == null ? Map.of() : jobTemplateLabels;
    ownerReferences = ownerReferences == null ? List.of() : ownerReferences;
  }

  /**
   * The labels owner resolution sees: the kind's pod template labels overlaid by the object's own.
   */
  public Map<String, String> effectiveLabels(WorkloadKind workloadKind) {
    Map<String, String> template =
        workloadKind == WorkloadKind.CRONJOB ? jobTemplateLabels : templateLabels;
    return Workload.effectiveLabels(labels, template);
  }
}
