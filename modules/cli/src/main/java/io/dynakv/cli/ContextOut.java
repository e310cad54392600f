package io.dynakv.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes an answer's X-Context to the file of --context-out (empty when there is none). */
final class ContextOut {

  private ContextOut() {}

  static void save(Path file, String context) {
    if (file == null) {
      return;
    }
    try {
      Files.writeString(file, context == null ? "" : context + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliFailure(ExitCode.FAILED, "cannot write the context to " + file + ": " + e.getMessage());
    }
  }
}
