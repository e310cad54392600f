import java.nio.file.*;
import java.util.*;
import jdk.jfr.consumer.*;

/** java JfrAgg.java N file.jfr...: top N leaf frames, and sample shares by component. */
public class JfrAgg {
  static final String[][] GROUPS = {
    {"com.fasterxml.jackson", "Jackson"},
    {"akka.serialization.jackson", "Jackson"},
    {"akka.stream", "Akka Streams"},
    {"akka.remote", "Artery/remoting"},
    {"akka.http", "akka-http"},
    {"akka.parsing", "akka-http"},
    {"akka.actor.typed", "typed actors"},
    {"akka.persistence", "persistence/jdbc"},
    {"slick", "persistence/jdbc"},
    {"org.h2", "persistence/jdbc"},
    {"org.rocksdb", "RocksDB"},
    {"io.dynakv.node.storage", "dynakv store/journal"},
    {"com.zaxxer", "persistence/jdbc"},
    {"akka.cluster", "akka cluster"},
    {"akka.dispatch", "akka dispatch/actor"},
    {"akka.actor", "akka dispatch/actor"},
    {"akka.event", "akka logging"},
    {"akka.", "akka other"},
    {"io.dynakv", "dynakv"},
    {"scala.", "scala library"},
    {"ch.qos.logback", "logging"},
    {"org.slf4j", "logging"},
  };
  static String group(String cls) {
    for (String[] g : GROUPS) if (cls.startsWith(g[0])) return g[1];
    if (cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.") || cls.startsWith("com.sun.")) return "JDK";
    return "other";
  }
  static boolean jdkOrScala(String cls) {
    return cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.") || cls.startsWith("com.sun.") || cls.startsWith("scala.");
  }
  public static void main(String[] args) throws Exception {
    int top = Integer.parseInt(args[0]);
    Map<String, Integer> leaf = new HashMap<>(), leafGroup = new HashMap<>(), ownerGroup = new HashMap<>(), incl = new HashMap<>(), threads = new HashMap<>();
    int total = 0;
    long from = Long.parseLong(System.getenv().getOrDefault("JFR_FROM", "0"));
    long to = Long.parseLong(System.getenv().getOrDefault("JFR_TO", String.valueOf(Long.MAX_VALUE)));
    for (int i = 1; i < args.length; i++) {
      try (RecordingFile rf = new RecordingFile(Path.of(args[i]))) {
        while (rf.hasMoreEvents()) {
          RecordedEvent e = rf.readEvent();
          if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
          long at = e.getStartTime().toEpochMilli();
          if (at < from || at > to) continue;
          RecordedStackTrace st = e.getStackTrace();
          if (st == null || st.getFrames().isEmpty()) continue;
          total++;
          RecordedThread t = e.getThread("sampledThread");
          String tn = t == null ? "?" : t.getJavaName() == null ? t.getOSName() : t.getJavaName();
          threads.merge(tn.replaceAll("[0-9]+", "N"), 1, Integer::sum);
          List<RecordedFrame> fr = st.getFrames();
          RecordedMethod m = fr.get(0).getMethod();
          String cls = m.getType().getName();
          leaf.merge(cls + "." + m.getName(), 1, Integer::sum);
          leafGroup.merge(group(cls), 1, Integer::sum);
          String owner = null;
          Set<String> seen = new HashSet<>();
          for (RecordedFrame f : fr) {
            String c = f.getMethod().getType().getName();
            if (owner == null && !jdkOrScala(c)) owner = group(c);
            String g = group(c);
            if (seen.add(g)) incl.merge(g, 1, Integer::sum);
          }
          ownerGroup.merge(owner == null ? group(cls) : owner, 1, Integer::sum);
        }
      }
    }
    System.out.println("execution samples: " + total + "\n");
    System.out.println("## Top " + top + " leaf frames\n\n| # | samples | share | method |\n|---|---|---|---|");
    print(leaf, total, top, true);
    System.out.println("\n## Share by component of the leaf frame\n\n| component | samples | share |\n|---|---|---|");
    print(leafGroup, total, 100, false);
    System.out.println("\n## Share by first non-JDK/non-Scala frame (JDK code charged to its caller)\n\n| component | samples | share |\n|---|---|---|");
    print(ownerGroup, total, 100, false);
    System.out.println("\n## Inclusive: samples with the component anywhere on the stack\n\n| component | samples | share |\n|---|---|---|");
    print(incl, total, 100, false);
    System.out.println("\n## Samples by thread (digits folded to N), top 15\n\n| thread | samples | share |\n|---|---|---|");
    print(threads, total, 15, false);
  }
  static void print(Map<String, Integer> m, int total, int n, boolean numbered) {
    List<Map.Entry<String, Integer>> l = new ArrayList<>(m.entrySet());
    l.sort((a, b) -> b.getValue() - a.getValue());
    int i = 0;
    for (Map.Entry<String, Integer> e : l) {
      if (i++ >= n) break;
      String share = String.format("%.1f%%", 100.0 * e.getValue() / total);
      if (numbered) System.out.println("| " + i + " | " + e.getValue() + " | " + share + " | `" + e.getKey() + "` |");
      else System.out.println("| " + e.getKey() + " | " + e.getValue() + " | " + share + " |");
    }
  }
}
