package io.dynakv.it.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of the workload that need no server; it runs for real in CheckersOnOneNodeTest. */
class AckedSetWorkloadTest {

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
