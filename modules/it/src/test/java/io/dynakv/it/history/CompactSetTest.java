package io.dynakv.it.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompactSetTest {

  @Test
  void rangesRoundTrip() {
    List<Long> elements = List.of(1L, 2L, 3L, 5L, 7L, 8L, 0L);
    assertThat(CompactSet.encode(elements)).isEqualTo("0-3,5,7-8");
    assertThat(CompactSet.decode("0-3,5,7-8")).containsExactly(0L, 1L, 2L, 3L, 5L, 7L, 8L);
    assertThat(CompactSet.encode(List.of())).isEmpty();
    assertThat(CompactSet.decode("")).isEmpty();
  }

  @Test
  void siblingsOfA300AreUnited() throws Exception {
    String body = "{\"siblings\":[{\"value\":\"MS0z\"},{\"deleted\":true},{\"value\":\"NQ==\"}]}";
    assertThat(CompactSet.ofAnswer(300, body)).containsExactly(1L, 2L, 3L, 5L);
    assertThat(CompactSet.ofAnswer(404, "")).isEmpty();
  }

  @Test
  void garbageIsRefused() {
    assertThatThrownBy(() -> CompactSet.decode("3-1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CompactSet.decode("x")).isInstanceOf(NumberFormatException.class);
  }
}
