import java.nio.file.*;
import java.util.*;
import jdk.jfr.consumer.*;

/** java JfrThreads.java file.jfr...: thread starts in [JFR_FROM, JFR_TO], by name pattern; GC pause total. */
public class JfrThreads {
  public static void main(String[] args) throws Exception {
    long from = Long.parseLong(System.getenv().getOrDefault("JFR_FROM", "0"));
    long to = Long.parseLong(System.getenv().getOrDefault("JFR_TO", String.valueOf(Long.MAX_VALUE)));
    for (String file : args) {
      Map<String, Integer> starts = new TreeMap<>();
      double gcMs = 0; int gcs = 0;
      try (RecordingFile rf = new RecordingFile(Path.of(file))) {
        while (rf.hasMoreEvents()) {
          RecordedEvent e = rf.readEvent();
          long at = e.getStartTime().toEpochMilli();
          if (at < from || at > to) continue;
          String type = e.getEventType().getName();
          if (type.equals("jdk.ThreadStart")) {
            RecordedThread t = e.getThread("thread");
            String n = t == null ? "?" : String.valueOf(t.getJavaName());
            starts.merge(n.replaceAll("[0-9]+", "N"), 1, Integer::sum);
          } else if (type.equals("jdk.GarbageCollection")) {
            gcMs += e.getDuration("sumOfPauses").toNanos() / 1e6; gcs++;
          }
        }
      }
      System.out.printf("%s: thread starts %s; GCs %d, pauses %.0f ms%n", Path.of(file).getFileName(), starts, gcs, gcMs);
    }
  }
}
