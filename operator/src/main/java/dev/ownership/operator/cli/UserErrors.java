package dev.ownership.operator.cli;

import dev.ownership.operator.net.PortInUseException;
import dev.ownership.operator.text.SafeText;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * What a user sees when a command fails: one line that says what went wrong and what to change,
 * exit code 2. The stack trace only with {@code --verbose}; it helps a maintainer, not a user.
 */
final class UserErrors implements CommandLine.IExecutionExceptionHandler {
  static final int EXIT_CODE = 2;

  /** Which flag moves each server to another port. */
  private static final Map<String, String> PORT_FLAGS =
      Map.of("metrics", "--metrics-port", "webhook", "--webhook-port", "catalog", "--catalog-port");

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    err.println("error: " + describe(e));
    if (Verbosity.requested(parseResult)) {
      e.printStackTrace(err);
    } else {
      err.println("(run with --verbose for details)");
    }
    err.flush();
    return EXIT_CODE;
  }

  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PortInUseException port) {
        String flag = PORT_FLAGS.getOrDefault(port.server(), "the port flags");
        return "port "
            + port.port()
            + " is already in use (the "
            + port.server()
            + " server): choose another with "
            + flag
            + ", or 0 for a free one";
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String message = e.getMessage() != null ? e.getMessage() : root.toString();
    return SafeText.of(message, 500);
  }
}
