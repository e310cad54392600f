package io.dynakv.it.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynakv.client.GetResult;
import io.dynakv.client.Sibling;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SetValuesTest {

  @Test
  void aSetIsASortedJsonArrayOfStrings() {
    assertThat(SetValues.encode(List.of("p2-1", "p1-7", "p1-7"))).isEqualTo("[\"p1-7\",\"p2-1\"]");
    assertThat(SetValues.encode(List.of())).isEqualTo("[]");
  }

  @Property(tries = 200)
  void encodingRoundTrips(@ForAll Set<String> elements) {
    assertThat(SetValues.decode(SetValues.encode(elements))).isEqualTo(elements);
  }

  @Test
  void onlyAJsonArrayOfStringsDecodes() {
    assertThatThrownBy(() -> SetValues.decode("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SetValues.decode("hello"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SetValues.decode("{\"a\":1}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SetValues.decode("[1,2]"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aReadsLiveSiblingsAreItsSets() {
    GetResult read =
        new GetResult(
            List.of(
                new Sibling(SetValues.value(List.of("b", "a")), Instant.EPOCH),
                Sibling.tombstone(Instant.EPOCH),
                new Sibling(SetValues.value(List.of("c")), Instant.EPOCH)),
            Optional.empty());

    List<Set<String>> siblings = SetValues.siblings(read);

    assertThat(siblings).containsExactly(Set.of("a", "b"), Set.of("c"));
    assertThat(SetValues.merge(siblings)).containsExactly("a", "b", "c");
    assertThat(SetValues.siblings(new GetResult(List.of(), Optional.empty()))).isEmpty();
  }

  @Test
  void mergeIsTheUnion() {
    assertThat(SetValues.merge(List.of(Set.of("a"), Set.of("a", "b"), Set.of())))
        .containsExactly("a", "b");
    assertThat(SetValues.merge(List.of())).isEmpty();
  }
}
