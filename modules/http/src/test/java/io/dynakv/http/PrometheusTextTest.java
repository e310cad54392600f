package io.dynakv.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test parser itself: what it accepts, and that it refuses what the format forbids. */
class PrometheusTextTest {

  static double bound(String le) {
    return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
  }

  @Test
  void parsesFamiliesLabelsEscapesAndSpecialValues() {
    PrometheusText.Exposition e =
        PrometheusText.parse(
            "# HELP a_total Things \\\\ done\\nso far\n"
                + "# TYPE a_total counter\n"
                + "a_total{path=\"/x\\\"y\\\\z\\n\",code=\"200\",} 3 1700000000000\n"
                + "a_total{path=\"/\",code=\"500\"} 1e3\n"
                + "# a comment\n"
                + "\n"
                + "# TYPE g gauge\n"
                + "g NaN\n"
                + "# TYPE h histogram\n"
                + "h_bucket{le=\"0.5\"} 1\n"
                + "h_bucket{le=\"1.0\"} 2\n"
                + "h_bucket{le=\"+Inf\"} 2\n"
                + "h_sum 1.25\n"
                + "h_count 2\n"
                + "untyped_thing -Inf\n");
    PrometheusText.Family a = e.family("a_total");
    assertThat(a.type()).isEqualTo("counter");
    assertThat(a.help()).isEqualTo("Things \\ done\nso far");
    assertThat(a.value(Map.of("path", "/x\"y\\z\n"))).isEqualTo(3);
    assertThat(a.samples().get(0).timestamp()).isEqualTo(1700000000000L);
    assertThat(a.value(Map.of("code", "500"))).isEqualTo(1000);
    assertThat(e.family("g").value(Map.of())).isNaN();
    assertThat(e.family("h").type()).isEqualTo("histogram");
    assertThat(e.family("h").sum("h_count", Map.of())).isEqualTo(2);
    assertThat(e.family("untyped_thing").type()).isEqualTo("untyped");
    assertThat(e.family("untyped_thing").value(Map.of())).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void refusesWhatTheFormatForbids() {
    assertRefused("x 1", "end with a line feed");
    assertRefused("x{a=b} 1\n", "not quoted");
    assertRefused("x{a=\"b\\t\"} 1\n", "bad escape");
    assertRefused("x{a=\"b\"}1\n", "no space");
    assertRefused("x one\n", "bad value");
    assertRefused("x 1 2 3\n", "expected a value");
    assertRefused("1x 1\n", "bad metric name");
    assertRefused("x{a=\"1\",a=\"2\"} 1\n", "twice");
    assertRefused("x 1\nx 2\n", "repeated series");
    assertRefused("# TYPE x gauge\n# TYPE x gauge\n", "second TYPE");
    assertRefused("# TYPE x foo\n", "unknown type");
    assertRefused("x 1\n# TYPE x gauge\n", "after its samples");
    assertRefused("# TYPE x gauge\n# TYPE y gauge\nx{a=\"1\"} 1\ny 1\nx{a=\"2\"} 1\n", "not contiguous");
  }

  @Test
  void refusesInconsistentHistograms() {
    String head = "# TYPE h histogram\n";
    assertRefused(head + "h_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "not cumulative");
    assertRefused(head + "h_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n", "!= _count");
    assertRefused(head + "h_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n", "no le=\"+Inf\"");
    assertRefused(head + "h_bucket{le=\"+Inf\"} 1\nh_count 1\n", "differ");
    assertRefused(head + "h_bucket{le=\"2\"} 1\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n",
        "not increasing");
    assertRefused(head + "h 1\n", "without a suffix");
  }

  private static void assertRefused(String text, String why) {
    assertThatThrownBy(() -> PrometheusText.parse(text))
        .isInstanceOf(PrometheusText.FormatException.class)
        .hasMessageContaining(why);
  }
}
