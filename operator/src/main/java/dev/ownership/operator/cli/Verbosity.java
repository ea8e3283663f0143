package dev.ownership.operator.cli;

import dev.ownership.operator.text.SafeText;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The top-level {@code --verbose} as the subcommands see it, and what a command does with an error
 * it did not expect: one line and exit code 2, the stack trace only when asked for.
 */
final class Verbosity {
  /** The exit code of an internal error: like bad input, the command gave no verdict. */
  static final int INTERNAL_ERROR = 2;

  private Verbosity() {}

  /** Whether {@code --verbose} was given, before or after the subcommand's name. */
  static boolean requested(CommandLine command) {
    for (CommandLine c = command; c != null; c = c.getParent()) {
      CommandLine.ParseResult parsed = c.getParseResult();
      if (parsed != null && requested(parsed)) return true;
    }
    return false;
  }

  /** Whether {@code --verbose} was matched anywhere in {@code parsed} or its subcommands. */
  static boolean requested(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption("--verbose")) return true;
    }
    return false;
  }

  /** Reports {@code failure} on {@code err} and returns the exit code. */
  static int internalError(Throwable failure, PrintWriter err, boolean verbose) {
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
