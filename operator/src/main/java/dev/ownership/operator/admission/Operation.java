package dev.ownership.operator.admission;

import java.util.Optional;

/** {@code request.operation} of an AdmissionReview, as the API server spells it. */
public enum Operation {
  CREATE,
  UPDATE,
  DELETE,
  CONNECT;

  /** Empty for anything else (a hand-made review can say anything). */
  public static Optional<Operation> parse(String text) {
    if (text == null) return Optional.empty();
    for (Operation operation : values()) {
      if (operation.name().equals(text)) return Optional.of(operation);
    }
    return Optional.empty();
  }
}
