package dev.ownership.operator.suggest;

import dev.ownership.operator.ownership.WorkloadRef;
import java.util.List;

/**
 * The proposed owner of one unowned workload, or why there is none.
 *
 * @param team null when there is no suggestion
 * @param confidence null when there is no suggestion
 * @param evidence the signals for {@code team}, strongest first
 * @param conflicting the signals for other teams, strongest first; they lowered the confidence
 * @param reason why there is no suggestion; null when there is one
 */
public record Suggestion(
    WorkloadRef workload,
    String team,
    Confidence confidence,
    List<Evidence> evidence,
    List<Evidence> conflicting,
    String reason) {
  public Suggestion {
    evidence = List.copyOf(evidence);
    conflicting = List.copyOf(conflicting);
  }

  public boolean hasTeam() {
    return team != null;
  }

  /** The strongest signal for the suggested team; null when there is no suggestion. */
  public Signal strongestSignal() {
    return evidence.isEmpty() ? null : evidence.get(0).signal();
  }
}
