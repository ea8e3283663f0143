package dev.ownership.operator.audit;

/** Input the audit could not use, with where it is and what is wrong. */
public record AuditProblem(DocumentOrigin origin, String message) {
  @Override
  public String toString() {
    return origin + ": " + message;
  }
}
