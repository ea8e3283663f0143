package dev.ownership.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceOwnershipStatus {
  /** Status lists stay small enough for kubectl and etcd whatever the namespace size. */
  public static final int MAX_LISTED = 50;

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "The service this resource describes: spec.service, or metadata.name when that is unset.")
  private String service;

  @JsonPropertyDescription("How many workloads this resource currently owns.")
  private Integer matchedWorkloads;

  @JsonPropertyDescription("Workloads this resource owns, sorted by kind then name; at most 50.")
  private List<WorkloadEntry> workloads = new ArrayList<>();

  @JsonPropertyDescription(
      "Workloads this resource selects where another source names a different team; at most 50.")
  private List<ConflictEntry> conflicts = new ArrayList<>();

  @JsonPropertyDescription("Ready and Conflict conditions.")
  private List<Condition> conditions = new ArrayList<>();

  public String getService() {
    return service;
  }

  public void setService(String service) {
    this.service = service;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Integer getMatchedWorkloads() {
    return matchedWorkloads;
  }

  public void setMatchedWorkloads(Integer matchedWorkloads) {
    this.matchedWorkloads = matchedWorkloads;
  }

  public List<WorkloadEntry> getWorkloads() {
    return workloads;
  }

  public void setWorkloads(List<WorkloadEntry> workloads) {
    this.workloads = workloads;
  }

  public List<ConflictEntry> getConflicts() {
    return conflicts;
  }

  public void setConflicts(List<ConflictEntry> conflicts) {
    this.conflicts = conflicts;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof ServiceOwnershipStatus other)) return false;
    return Objects.equals(observedGeneration, other.observedGeneration)
        && Objects.equals(service, other.service)
        && Objects.equals(matchedWorkloads, other.matchedWorkloads)
        && Objects.equals(workloads, other.workloads)
        && Objects.equals(conflicts, other.conflicts)
        && Objects.equals(conditions, other.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        observedGeneration, service, matchedWorkloads, workloads, conflicts, conditions);
  }
}
