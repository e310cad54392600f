package io.dynakv.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetChooserTest {

  private static final List<URI> NODES =
      List.of(URI.create("http://a:1"), URI.create("http://b:1"), URI.create("http://c:1"));

  @Test
  void roundRobinCyclesFromTheWorkersOwnStart() {
    TargetChooser second = TargetChooser.roundRobin(NODES, 1);

    assertThat(draw(second, 4)).containsExactly(NODES.get(1), NODES.get(2), NODES.get(0), NODES.get(1));
  }

  @Test
  void randomSpreadReachesEveryNodeAndIsReproducible() {
    List<URI> drawn = draw(TargetChooser.random(NODES, 7), 300);

    assertThat(drawn).containsAll(NODES);
    assertThat(draw(TargetChooser.random(NODES, 7), 300)).isEqualTo(drawn);
  }

  private static List<URI> draw(TargetChooser chooser, int count) {
    List<URI> drawn = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      drawn.add(chooser.next());
    }
    return drawn;
  }
}
