package io.dynakv.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** One run of the CLI in this JVM with captured stdout and stderr. */
record Run(int exitCode, String out, byte[] rawOut, String err) {

  static Run of(String... args) {
    return withInput(new byte[0], false, args);
  }

  static Run withInput(byte[] stdin, boolean interactive, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Terminal terminal = new Terminal(out, err, new ByteArrayInputStream(stdin), interactive);
    int code = Main.run(terminal, args);
    terminal.out().flush();
    terminal.err().flush();
    return new Run(
        code,
        out.toString(StandardCharsets.UTF_8),
        out.toByteArray(),
        err.toString(StandardCharsets.UTF_8));
  }
}
