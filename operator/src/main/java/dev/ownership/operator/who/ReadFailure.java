package dev.ownership.operator.who;

/**
 * A read that did not give an answer: a missing object, a forbidden read, an unreachable cluster.
 * The message is one line meant for the user; the cause is only for {@code --verbose}.
 */
public final class ReadFailure extends RuntimeException {
  public ReadFailure(String message, Throwable cause) {
    super(message, cause);
  }

  public ReadFailure(String message) {
    super(message);
  }
}
