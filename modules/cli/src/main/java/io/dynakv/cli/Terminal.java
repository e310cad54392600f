package io.dynakv.cli;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Where a command reads and writes: stdout as text and as raw bytes (a value is printed
 * byte for byte), stderr, stdin, and whether stdout is a terminal (a progress bar is redrawn
 * in place there, and printed one line per update elsewhere). Tests hand in buffers.
 */
public final class Terminal {

  private final OutputStream rawOut;
  private final PrintWriter out;
  private final PrintWriter err;
  private final InputStream in;
  private final boolean interactive;

  public Terminal(OutputStream stdout, OutputStream stderr, InputStream stdin, boolean interactive) {
    this.rawOut = stdout;
    this.out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
    this.err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
    this.in = stdin;
    this.interactive = interactive;
  }

  /** The process's own streams; interactive when the JVM has a console. */
  public static Terminal system() {
    return new Terminal(
        new FileOutputStream(FileDescriptor.out),
        new FileOutputStream(FileDescriptor.err),
        System.in,
        System.console() != null);
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public InputStream in() {
    return in;
  }

  public boolean interactive() {
    return interactive;
  }

  /** Writes bytes to stdout as they are, after whatever text is buffered. */
  public void writeRaw(byte[] bytes) {
    out.flush();
    try {
      rawOut.write(bytes);
      rawOut.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
