package io.dynakv.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the CLI's bearer token comes from (a file) and what makes one usable in a header. */
final class BearerTokenSource {

  private BearerTokenSource() {}

  /** The file's first line, stripped; failures name the file, never its content. */
  static String fromFile(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliFailure(ExitCode.USAGE, "cannot read the token file " + file + ": " + e.getClass().getSimpleName());
    }
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      throw new CliFailure(ExitCode.USAGE, "the token file " + file + " is empty");
    }
    return lines.get(0).strip();
  }

  /** {@code token} stripped (null stays null); refused if a header could not carry it. */
  static String checked(String token) {
    if (token == null || token.isBlank()) {
      return null;
    }
    String stripped = token.strip();
    if (!stripped.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new CliFailure(
          ExitCode.USAGE, "the token holds spaces or characters other than printable ASCII");
    }
    return stripped;
  }
}
