package io.dynakv.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Network faults between node JVMs on distinct loopback addresses, with iptables rules in a
 * chain of our own ({@value #CHAIN}) that INPUT and OUTPUT jump to. Only the Akka remoting
 * ports are matched, so the test keeps talking HTTP to every node while nodes cannot talk to
 * each other. {@link #close()} removes the chain and the jumps; {@link #install()} first
 * removes anything a crashed earlier run left, so no rule outlives a test.
 */
public final class Network implements AutoCloseable {

  static final String CHAIN = "DYNAKV_FAULTS";

  private Network() {}

  /** Creates the (empty) chain; requires root and iptables. */
  public static Network install() throws IOException, InterruptedException {
    removeChain();
    iptables("-N", CHAIN);
    iptables("-I", "INPUT", "1", "-j", CHAIN);
    iptables("-I", "OUTPUT", "1", "-j", CHAIN);
    return new Network();
  }

  /** Packets from {@code from} to {@code to} are lost; the other direction still flows. */
  public void dropOneWay(NodeProcess from, NodeProcess to) throws IOException, InterruptedException {
    // Connections `from` opened to `to`, and replies on connections `to` opened to `from`.
    rule("-s", from.host(), "-d", to.host(), "--dport", Integer.toString(to.akkaPort()));
    rule("-s", from.host(), "-d", to.host(), "--sport", Integer.toString(from.akkaPort()));
  }

  /** No packet between the two, either way. */
  public void cut(NodeProcess a, NodeProcess b) throws IOException, InterruptedException {
    dropOneWay(a, b);
    dropOneWay(b, a);
  }

  /** Every link between the two sides cut; links within a side stay. */
  public void partition(List<NodeProcess> side, List<NodeProcess> otherSide)
      throws IOException, InterruptedException {
    for (NodeProcess a : side) {
      for (NodeProcess b : otherSide) {
        cut(a, b);
      }
    }
  }

  /** Removes every fault; the chain stays, empty. */
  public void heal() throws IOException, InterruptedException {
    iptables("-F", CHAIN);
  }

  /** The rules now in the chain, as iptables lists them. */
  public List<String> rules() throws IOException, InterruptedException {
    List<String> rules = new ArrayList<>();
    for (String line : run(List.of("iptables", "-S", CHAIN), false).split("\n")) {
      if (line.startsWith("-A ")) {
        rules.add(line);
      }
    }
    return rules;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    removeChain();
  }

  /**
   * Whether this machine lets the tests use iptables (installed, and run as root). Where it does
   * not, tests leave the network faults out and say so — unless {@code DYNAKV_REQUIRE_IPTABLES}
   * is set (`.ci/run` sets it), which makes a missing iptables a failure.
   */
  public static boolean usable() {
    try {
      Process p = new ProcessBuilder("iptables", "-w", "-S").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
      if (!ok && System.getenv("DYNAKV_REQUIRE_IPTABLES") != null) {
        throw new IllegalStateException("DYNAKV_REQUIRE_IPTABLES is set but iptables -S failed (root needed)");
      }
      return ok;
    } catch (IOException e) {
      if (System.getenv("DYNAKV_REQUIRE_IPTABLES") != null) {
        throw new IllegalStateException("DYNAKV_REQUIRE_IPTABLES is set but iptables is not installed", e);
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether a chain of ours is installed (tests check nothing is left behind). */
  public static boolean chainExists() throws IOException, InterruptedException {
    try {
      return run(List.of("iptables", "-S"), false).contains(CHAIN);
    } catch (IOException e) {
      return false; // no iptables at all: nothing can be left behind
    }
  }

  private static void rule(String... match) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("-A", CHAIN, "-p", "tcp"));
    args.addAll(List.of(match));
    args.addAll(List.of("-j", "DROP"));
    iptables(args.toArray(String[]::new));
  }

  private static void removeChain() throws IOException, InterruptedException {
    // Each jump may have been inserted more than once by crashed runs: remove until gone.
    for (String hook : List.of("INPUT", "OUTPUT")) {
      for (int i = 0; i < 100 && run(List.of("iptables", "-S", hook), false).contains("-j " + CHAIN); i++) {
        run(List.of("iptables", "-w", "-D", hook, "-j", CHAIN), false);
      }
    }
    run(List.of("iptables", "-w", "-F", CHAIN), false);
    run(List.of("iptables", "-w", "-X", CHAIN), false);
  }

  private static void iptables(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("iptables");
    cmd.add("-w");
    cmd.addAll(List.of(args));
    run(cmd, true);
  }

  /** Runs a command; with {@code check}, a non-zero exit is an error. Returns its output. */
  private static String run(List<String> cmd, boolean check) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + " did not finish");
    }
    if (check && p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
    }
    return out;
  }
}
