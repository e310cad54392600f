package io.dynakv.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The context a write sends back ({@code --context CTX}, or {@code --context @FILE} to read
 * one saved with --context-out), and where to save the context of the answer.
 */
final class ContextSource {

  @Option(
      names = "--context",
      paramLabel = "CTX",
      description =
          "The X-Context of an earlier answer (get, put or delete), or @FILE to read it from a"
              + " file written with --context-out. Without it the write is blind: concurrent with"
              + " whatever is stored, so it may leave siblings.")
  private String context;

  @Option(
      names = "--context-out",
      paramLabel = "FILE",
      description = "Write the context of the answer to FILE (for a later --context @FILE).")
  private Path contextOut;

  /** The context to send, or null. */
  String context() {
    if (context == null || context.isBlank()) {
      return null;
    }
    if (!context.startsWith("@")) {
      return context.strip();
    }
    Path file = Path.of(context.substring(1));
    try {
      String read = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (read.isEmpty()) {
        throw new CliFailure(ExitCode.USAGE, "no context in " + file);
      }
      return read;
    } catch (IOException e) {
      throw new CliFailure(ExitCode.USAGE, "cannot read the context from " + file + ": " + e.getMessage());
    }
  }

  /** Saves the answer's context when --context-out was given (nothing to save: the file is emptied). */
  void save(String answered) {
    ContextOut.save(contextOut, answered);
  }
}
