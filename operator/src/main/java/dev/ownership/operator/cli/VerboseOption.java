package dev.ownership.operator.cli;

import dev.ownership.operator.text.SafeText;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --verbose}, and what a command does with an error it did not expect: one line and exit
 * code 2, the stack trace only when asked for.
 */
final class VerboseOption {
  /** The exit code of an internal error: like bad input, the command gave no verdict. */
  static final int INTERNAL_ERROR = 2;

  @Option(
      names = "--verbose",
      description = "Print the stack trace of an internal error (for a bug report).")
  boolean verbose;

  /** Reports {@code failure} on {@code err} and returns the exit code. */
  int internalError(Throwable failure, PrintWriter err) {
    if (failure instanceof OutOfMemoryError) {
      err.println(
          "error: out of memory; give Java more heap (java -Xmx2g -jar ownership-operator.jar ...)"
              + " or check fewer files at once");
    } else {
      String message = failure.getMessage();
      err.println(
          "error: internal error ("
              + failure.getClass().getSimpleName()
              + (message == null
                  ? ""
                  : ": " + SafeText.of(message.lines().findFirst().orElse(""), 300))
              + "); please report it"
              + (verbose ? "" : " (--verbose prints the stack trace)"));
    }
    if (verbose) failure.printStackTrace(err);
    err.flush();
    return INTERNAL_ERROR;
  }
}
