package dev.ownership.operator.admission;

import dev.ownership.operator.ownership.ControllerReference;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadRef;
import java.util.List;
import java.util.Map;

/**
 * The few parts of a reviewed object that the admission decision reads. Both pod template label
 * sets are kept because the request's kind may only be known after the object was read.
 *
 * @param apiVersion the object's own apiVersion (a fallback when the request carries no kind)
 * @param templateLabels {@code spec.template.metadata.labels}
 * @param jobTemplateLabels {@code spec.jobTemplate.spec.template.metadata.labels} (CronJob)
 * @param team {@code spec.team} (ServiceOwnership) when it is a string; else null
 * @param teamProblem why {@code spec.team} is unusable when it is there but not a string; else
 *     null. Kept, not thrown: only a ServiceOwnership's {@code spec.team} means anything, and the
 *     kind may be known only after the object was read
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
    List<ControllerReference> ownerReferences,
    String team,
    String teamProblem) {

  public ReviewedObject {
    labels = labels == null ? Map.of() : labels;
    templateLabels = templateLabels == null ? Map.of() : templateLabels;
    jobTemplateLabels = jobTemplateLabels == null ? Map.of() : jobTemplateLabels;
    ownerReferences = ownerReferences == null ? List.of() : ownerReferences;
  }

  /** The resolution input for this object as {@code ref}, by the rules every reader shares. */
  public Workload toWorkload(WorkloadRef ref) {
    Map<String, String> template =
        ref.kind() == WorkloadKind.CRONJOB ? jobTemplateLabels : templateLabels;
    return Workload.of(ref, labels, template, ownerReferences);
  }
}
