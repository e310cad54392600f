package io.dynakv.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/1.1 over a plain socket, for what java.net.http will not send: malformed request lines and
 * headers, raw bytes, pipelining, bytes dribbled out slowly. It reads responses strictly (status
 * line, headers, then a Content-Length or chunked body, or up to EOF), so a response cut short is
 * an {@link IOException}, not a silent partial answer.
 */
final class RawHttp {

  private RawHttp() {}

  record Response(int status, Map<String, String> headers, byte[] body) {
    /** A header by its lower-case name (the last one if repeated). */
    String header(String lowerCaseName) {
      return headers.get(lowerCaseName);
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    boolean closes() {
      String connection = header("connection");
      return connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
    }
  }

  /**
   * Opens a connection, writes {@code request}, and reads up to {@code responses} responses (fewer
   * if one says {@code Connection: close} or the server closes between responses). Throws if the
   * connection ends before one complete response, or nothing comes within {@code timeout}.
   */
  static List<Response> exchange(
      InetSocketAddress server, byte[] request, boolean head, int responses, Duration timeout)
      throws IOException {
    return exchange(server, request, head, responses, timeout, false);
  }

  /** As above; {@code halfClose}: shut the sending side after the request (no more bytes). */
  static List<Response> exchange(
      InetSocketAddress server,
      byte[] request,
      boolean head,
      int responses,
      Duration timeout,
      boolean halfClose)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(server, (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      if (halfClose) {
        socket.shutdownOutput();
      }
      InputStream in = new BufferedInputStream(socket.getInputStream());
      List<Response> answers = new ArrayList<>();
      while (answers.size() < responses) {
        if (!answers.isEmpty()) {
          in.mark(1);
          if (in.read() < 0) {
            break; // closed cleanly between responses
          }
          in.reset();
        }
        Response r = read(in, head && answers.isEmpty());
        answers.add(r);
        if (r.closes()) {
          break;
        }
      }
      return answers;
    }
  }

  /**
   * Sends {@code request} while another thread reads the answer, as a careful client does: a server
   * may answer before it has read the body and close the connection, and then writing the rest
   * fails. The write error is ignored; the answer is what counts. Throws if none arrives.
   */
  static Response exchangeWhileSending(
      InetSocketAddress server, byte[] request, boolean head, Duration timeout) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(server, (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      InputStream in = new BufferedInputStream(socket.getInputStream());
      CompletableFuture<Response> answer =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return read(in, head);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      try {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
      } catch (IOException e) {
        // the server closed early; its answer may already be on the way
      }
      try {
        return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e);
      } catch (TimeoutException e) {
        throw new IOException("no answer within " + timeout, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
  }

  /** Reads one final response, skipping interim 1xx ones. */
  static Response read(InputStream in, boolean head) throws IOException {
    while (true) {
      String statusLine = line(in);
      if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
        throw new IOException("not a status line: " + statusLine);
      }
      int status = Integer.parseInt(statusLine.substring(9, 12));
      Map<String, String> headers = new LinkedHashMap<>();
      for (String h = line(in); !h.isEmpty(); h = line(in)) {
        int colon = h.indexOf(':');
        if (colon < 0) {
          throw new IOException("not a header: " + h);
        }
        headers.put(
            h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
      }
      if (status >= 100 && status < 200) {
        continue;
      }
      byte[] body;
      if (head || status == 204 || status == 304) {
        body = new byte[0];
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = chunked(in);
      } else if (headers.containsKey("content-length")) {
        body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        if (body.length < Integer.parseInt(headers.get("content-length"))) {
          throw new EOFException("body cut short after " + body.length + " bytes");
        }
      } else {
        body = in.readAllBytes();
      }
      return new Response(status, headers, body);
    }
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      int semicolon = size.indexOf(';');
      int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (n == 0) {
        while (!line(in).isEmpty()) {
          // trailers
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(n);
      if (chunk.length < n) {
        throw new EOFException("chunk cut short");
      }
      body.write(chunk);
      line(in);
    }
  }

  /** A line up to LF, without the CR LF; EOFException if the stream ends first. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException(
            "connection closed"
                + (line.size() == 0
                    ? ""
                    : " mid-line: " + line.toString(StandardCharsets.ISO_8859_1)));
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      if (line.size() > 1 << 20) {
        throw new IOException("line over 1 MiB");
      }
      line.write(b);
    }
  }
}
