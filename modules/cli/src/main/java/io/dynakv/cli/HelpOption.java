package io.dynakv.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} for a subcommand (the version option stays on {@code dynakv} itself). */
final class HelpOption {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;
}
