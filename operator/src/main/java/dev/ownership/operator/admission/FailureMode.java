package dev.ownership.operator.admission;

/**
 * What the webhook answers when it fails internally: allow with a warning (open) or deny (closed).
 */
public enum FailureMode {
  OPEN,
  CLOSED
}
