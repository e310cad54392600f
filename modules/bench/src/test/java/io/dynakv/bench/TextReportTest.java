package io.dynakv.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TextReportTest {

  private final String report = TextReport.render(TestSummaries.closedLoop());

  @Test
  void startsWithTheRunParameters() {
    assertThat(report)
        .contains("closed loop, 16 threads")
        .contains("http://127.0.0.1:8081, http://127.0.0.1:8082 (routing any-node)")
        .contains("read 0.50  update 0.50  insert 0.00")
        .contains("30s warm-up (discarded), 60s measured")
        .contains("r=2 w=2")
        .contains("seed      42");
  }

  @Test
  void showsOneRowPerOperationWithThroughputPercentilesAndErrors() {
    List<String> table = tableLines();

    assertThat(table.get(0)).startsWith("op").contains("p99.9 ms").endsWith("errors by kind");
    assertThat(cells(table.get(1))).containsExactly("read", "600", "0", "10", "2.000", "2.000", "2.000", "2.000", "2.000", "-");
    assertThat(cells(table.get(2)))
        .containsExactly("update", "315", "15", "5", "1.500", "1.500", "1.500", "1.500", "1.500", "503:12", "timeout:3");
    assertThat(cells(table.get(3))).containsExactly("insert", "0", "0", "0", "-", "-", "-", "-", "-", "-");
    assertThat(cells(table.get(4))).startsWith("total", "915", "15", "15");
  }

  @Test
  void columnsAreAligned() {
    List<String> table = tableLines();
    int countEnd = table.get(0).indexOf("count") + "count".length();

    for (String row : table) {
      assertThat(row.charAt(countEnd - 1)).as(row).isNotEqualTo(' ');
      assertThat(row.charAt(countEnd)).as(row).isEqualTo(' ');
    }
  }

  @Test
  void reportsThePreload() {
    assertThat(report).contains("preload   1 of 10000 keys written in 1.5 s, errors: -");
  }

  @Test
  void saysWhenARunWasInterrupted() {
    RunSummary full = TestSummaries.closedLoop();
    RunSummary cut =
        new RunSummary(
            full.settings(), full.preload(), full.operations(), full.total(), 12.5, true, full.unstarted());
    RunSummary inWarmup =
        new RunSummary(
            full.settings(), full.preload(), full.operations(), full.total(), 0, true, full.unstarted());

    assertThat(TextReport.render(cut)).contains("12.50 s of 60s (interrupted)");
    assertThat(TextReport.render(inWarmup)).contains("nothing measured");
  }

  @Test
  void formatsDurationsTheWayTheyAreTyped() {
    assertThat(TextReport.duration(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(TextReport.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }

  private List<String> tableLines() {
    List<String> lines = Arrays.asList(report.split("\n"));
    int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("op ")).findFirst().orElseThrow());
    return lines.subList(header, header + 5);
  }

  private static List<String> cells(String row) {
    return Arrays.stream(row.trim().split("\\s+")).collect(Collectors.toList());
  }
}
