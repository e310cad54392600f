package io.dynakv.it.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of the workload that need no server; it runs for real in CheckersOnOneNodeTest. */
class AckedSetWorkloadTest {

  @Test
  void aWriteIsDoneOn2xxRejectedOn4xxAndUnknownOtherwise() {
    assertThat(AckedSetWorkload.writeOutcome(204)).isEqualTo(Operation.Outcome.OK);
    assertThat(AckedSetWorkload.writeOutcome(300)).isEqualTo(Operation.Outcome.OK);
    assertThat(AckedSetWorkload.writeOutcome(400)).isEqualTo(Operation.Outcome.FAIL);
    assertThat(AckedSetWorkload.writeOutcome(413)).isEqualTo(Operation.Outcome.FAIL);
    assertThat(AckedSetWorkload.writeOutcome(503)).isEqualTo(Operation.Outcome.UNKNOWN);
    assertThat(AckedSetWorkload.writeOutcome(504)).isEqualTo(Operation.Outcome.UNKNOWN);
    assertThat(AckedSetWorkload.writeOutcome(500)).isEqualTo(Operation.Outcome.UNKNOWN);
  }

  @Test
  void keyUrisAreBuiltFromTheNodesBaseUri() {
    assertThat(AckedSetWorkload.keyUri(URI.create("http://127.0.0.2:8081/"), "carts", "k1", "?r=3"))
        .isEqualTo(URI.create("http://127.0.0.2:8081/v1/buckets/carts/keys/k1?r=3"));
    assertThat(AckedSetWorkload.keyUri(URI.create("http://127.0.0.1:8081"), "carts", "k1", ""))
        .isEqualTo(URI.create("http://127.0.0.1:8081/v1/buckets/carts/keys/k1"));
  }

  @Test
  void onlyPlainNamesAreAccepted() {
    List<URI> nodes = List.of(URI.create("http://127.0.0.1:1"));
    assertThatThrownBy(() -> new AckedSetWorkload(nodes, "carts", List.of("a/b"), new History()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AckedSetWorkload(nodes, "", List.of("k"), new History()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AckedSetWorkload(List.of(), "carts", List.of("k"), new History()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
