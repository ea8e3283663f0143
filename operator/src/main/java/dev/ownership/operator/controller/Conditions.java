package dev.ownership.operator.controller;

import dev.ownership.operator.text.SafeText;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The status conditions the operator writes on its own resources (ServiceOwnership, Team). Pure.
 */
final class Conditions {
  /** Condition messages are read in kubectl describe; a hostile spec must not make them huge. */
  static final int MAX_MESSAGE = 1024;

  private Conditions() {}

  /**
   * The condition as it should be now, keeping {@code lastTransitionTime} from {@code previous}
   * when the condition's status did not change, so that a status rebuilt on a resync compares equal
   * to the one written and causes no write.
   */
  static Condition next(
      List<Condition> previous,
      String type,
      String status,
      String reason,
      String message,
      Long generation,
      Instant now) {
    String transition =
        previous.stream()
            .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message == null ? null : SafeText.of(message, MAX_MESSAGE))
        .withObservedGeneration(generation)
        .withLastTransitionTime(transition)
        .build();
  }
}
