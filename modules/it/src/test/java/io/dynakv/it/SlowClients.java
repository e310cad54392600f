package io.dynakv.it;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Clients that tie up connections while others use the node: sockets that connect and send nothing,
 * and clients that dribble each request out one byte at a time (a GET's request line and headers,
 * or a PUT's body). Each dribbled request must still get its answer: 200 for the GET, 204 for the
 * PUT (or 300: the PUTs are blind writes of one key, so they stay siblings of each other).
 *
 * <p>What the server does (akka-http defaults): it has no deadline for reading a request's headers
 * or body, so a client sending a byte every 40 ms keeps its connection as long as it likes; an idle
 * connection stays open until {@code akka.http.server.idle-timeout} (60 s); and connections are
 * capped by {@code max-connections} (1024). A few such clients do not slow the others; going by
 * that cap, about a thousand of them would keep new clients out until the idle timeout (not tried
 * here).
 */
final class SlowClients implements AutoCloseable {

  private static final String SLOW_GET = "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

  private final InetSocketAddress server;
  private final Duration byteDelay;
  private final List<Socket> idle = new ArrayList<>();
  private final List<Thread> dribblers = new ArrayList<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  final ConcurrentHashMap<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
  final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();

  private SlowClients(InetSocketAddress server, Duration byteDelay) {
    this.server = server;
    this.byteDelay = byteDelay;
  }

  /**
   * Opens {@code idleSockets}, and starts {@code slowGets} + {@code slowPuts} dribbling clients.
   */
  static SlowClients start(
      InetSocketAddress server, int idleSockets, int slowGets, int slowPuts, Duration byteDelay)
      throws IOException {
    SlowClients clients = new SlowClients(server, byteDelay);
    for (int i = 0; i < idleSockets; i++) {
      Socket s = new Socket();
      s.connect(server, 5000);
      clients.idle.add(s);
    }
    for (int i = 0; i < slowGets + slowPuts; i++) {
      boolean put = i >= slowGets;
      int id = i;
      Thread t = new Thread(() -> clients.dribble(put, id), "slow-client-" + i);
      t.setDaemon(true);
      t.start();
      clients.dribblers.add(t);
    }
    return clients;
  }

  long answered() {
    return statuses.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Requests to the slow clients, one after the other, until {@link #close()}. */
  private void dribble(boolean put, int id) {
    int n = 0;
    while (!stopping.get()) {
      try (Socket socket = new Socket()) {
        socket.connect(server, 5000);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        while (!stopping.get()) {
          String value = "slow-" + id + "-" + n++;
          String head =
              put
                  ? "PUT /v1/buckets/slow/keys/k"
                      + id
                      + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + "Content-Type: text/plain\r\nContent-Length: "
                      + value.length()
                      + "\r\n\r\n"
                  : SLOW_GET;
          if (put) {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
          }
          for (byte b : (put ? value : head).getBytes(StandardCharsets.US_ASCII)) {
            out.write(b);
            out.flush();
            Thread.sleep(byteDelay.toMillis()); // the point of this client: to be slow
          }
          RawHttp.Response r = RawHttp.read(in, false);
          statuses.computeIfAbsent(r.status(), s -> new LongAdder()).increment();
          boolean answered = put ? r.status() == 204 || r.status() == 300 : r.status() == 200;
          if (!answered) {
            errors.add(
                (put ? "slow PUT" : "slow GET") + " answered " + r.status() + " " + r.bodyText());
          }
          if (r.closes()) {
            break;
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        if (!stopping.get()) {
          errors.add((put ? "slow PUT" : "slow GET") + " connection failed: " + e);
        }
      }
    }
  }

  /**
   * What became of the idle sockets: how many the server had closed (it may, after akka's
   * idle-timeout), and whether each one still open answers a request sent on it now.
   */
  record IdleReport(int open, int closedByServer, int answeredAfterIdling, List<String> problems) {}

  IdleReport checkIdleSockets() {
    int open = 0;
    int closed = 0;
    int answered = 0;
    List<String> problems = new ArrayList<>();
    for (Socket s : idle) {
      try {
        s.setSoTimeout(100);
        InputStream in = new BufferedInputStream(s.getInputStream());
        try {
          if (in.read() < 0) {
            closed++;
            continue;
          }
          problems.add("an idle socket received bytes it never asked for");
          continue;
        } catch (SocketTimeoutException stillOpen) {
          open++;
        }
        s.setSoTimeout(10_000);
        s.getOutputStream().write(SLOW_GET.getBytes(StandardCharsets.US_ASCII));
        RawHttp.Response r = RawHttp.read(in, false);
        if (r.status() == 200) {
          answered++;
        } else {
          problems.add("request on a formerly idle socket answered " + r.status());
        }
      } catch (IOException e) {
        problems.add("idle socket: " + e);
      }
    }
    return new IdleReport(open, closed, answered, problems);
  }

  @Override
  public void close() {
    stopping.set(true);
    for (Thread t : dribblers) {
      t.interrupt();
    }
    for (Thread t : dribblers) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Socket s : idle) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
