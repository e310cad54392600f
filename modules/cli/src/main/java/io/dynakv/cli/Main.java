package io.dynakv.cli;

import picocli.CommandLine;

/** Entry point of the {@code dynakv} command line (deploy/dynakv, bin/dynakv). */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(Terminal.system(), args));
  }

  /** Runs one command line and returns its exit code (see {@link ExitCode}). */
  public static int run(Terminal terminal, String... args) {
    return commandLine(terminal).execute(args);
  }

  static CommandLine commandLine(Terminal terminal) {
    DynakvCommand top = new DynakvCommand(terminal);
    CommandLine commandLine = new CommandLine(top);
    commandLine.setOut(terminal.out());
    commandLine.setErr(terminal.err());
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof CliFailure) {
            CliFailure failure = (CliFailure) e;
            if (top.json() && failure.body() != null) {
              top.printJson(failure.body());
            }
            terminal.err().println("dynakv: " + failure.getMessage());
            return failure.exitCode();
          }
          // Not an expected failure: a bug, so the whole trace is worth having.
          terminal.err().println("dynakv: unexpected error: " + e);
          e.printStackTrace(terminal.err());
          return ExitCode.FAILED;
        });
    return commandLine;
  }
}
