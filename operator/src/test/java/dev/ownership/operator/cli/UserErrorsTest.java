package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What a newcomer sees when something goes wrong, or asks for help. */
class UserErrorsTest {
  record Run(int exitCode, String out, String err) {}

  static Run execute(String... args) {
    CommandLine cli = OwnershipCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void aPortInUseIsOneLineNamingThePortAndTheFlag() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Run run = execute("demo", "--once", "--metrics-port", String.valueOf(taken.getLocalPort()));
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err())
          .contains(
              "error: port "
                  + taken.getLocalPort()
                  + " is already in use (the metrics server): choose another with --metrics-port")
          .doesNotContain("\tat ", "Exception:");
      assertThat(run.err().lines().count()).isEqualTo(2);
    }
  }

  @Test
  void withVerboseTheStackTraceIsShownToo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Run run =
          execute(
              "demo",
              "--once",
              "--verbose",
              "--metrics-port",
              String.valueOf(taken.getLocalPort()));
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("error: port ").contains("\tat ");
    }
  }

  @Test
  void theTopLevelHelpDescribesEachCommandInAWholeSentence() {
    Run run = execute("--help");
    // picocli wraps at 80 columns: compare the words, not the line breaks
    assertThat(run.out().replaceAll("\\s+", " "))
        .contains(
            "Runs the whole operator against an in-process Kubernetes API and prints what it did.")
        .contains("Runs the operator: controller, admission webhook, metrics and probes.");
  }
}
