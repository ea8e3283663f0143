package dev.ownership.operator.ownership;

/** A ServiceOwnership whose spec cannot be used; the message says what to fix. */
public class InvalidSpecException extends Exception {
  public InvalidSpecException(String message) {
    super(message);
  }
}
