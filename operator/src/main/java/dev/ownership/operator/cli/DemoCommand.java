package dev.ownership.operator.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// Placeholder until the demo issue lands; kept so the command tree is complete.
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
    description = "Runs the whole operator against an in-process Kubernetes API seeded with deploy/examples/.")
public final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("demo is not implemented yet");
    return 2;
  }
}
