package dev.ownership.bench.jmh;

import dev.ownership.operator.audit.ManifestReader;
import dev.ownership.operator.cli.OwnershipCli;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Every call {@link AuditBenchmark} makes into the operator, in one place.
 *
 * <p>Relies on: {@code cli.OwnershipCli.commandLine()} (the {@code audit} subcommand as the jar
 * runs it, output to the command line's writers) and {@code audit.ManifestReader.read(List<String>,
 * InputStream)} returning {@code Result.documents()}: the reading and parsing {@code audit} starts
 * with, and nothing else.
 */
public final class AuditSubject {
  private AuditSubject() {}

  /** {@code ownership-operator audit PATHS}, its report written nowhere; the exit code. */
  public static int audit(List<String> paths) {
    CommandLine cli = OwnershipCli.commandLine();
    cli.setOut(new PrintWriter(Writer.nullWriter()));
    cli.setErr(new PrintWriter(Writer.nullWriter()));
    List<String> args = new ArrayList<>();
    args.add("audit");
    args.addAll(paths);
    return cli.execute(args.toArray(String[]::new));
  }

  /** Reads and parses the same files into documents only; how many there were. */
  public static int parse(List<String> paths) {
    return ManifestReader.read(paths, InputStream.nullInputStream()).documents().size();
  }
}
