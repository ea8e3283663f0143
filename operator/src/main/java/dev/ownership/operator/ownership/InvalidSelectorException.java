package dev.ownership.operator.ownership;

/** A label selector that Kubernetes would not accept; the message says what to fix. */
public class InvalidSelectorException extends Exception {
  public InvalidSelectorException(String message) {
    super(message);
  }
}
