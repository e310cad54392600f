package io.dynakv.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynakv.core.Key;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class StoreKeysPropertiesTest {

  @Property
  void anObjectKeyNamesItsKeyAndReplica(
      @ForAll @IntRange(min = 0, max = 1 << 20) int partition,
      @ForAll @StringLength(max = 40) String hint,
      @ForAll @StringLength(max = 64) String bucket,
      @ForAll @StringLength(max = 200) String name) {
    String hintFor = hint.isEmpty() ? null : hint;
    byte[] prefix = StoreKeys.replicaPrefix(partition, hintFor);
    byte[] key = StoreKeys.objectKey(prefix, new Key(bucket, name));
    assertThat(StoreKeys.startsWith(key, prefix)).isTrue();
    assertThat(StoreKeys.prefixLengthOf(key)).isEqualTo(prefix.length);
    assertThat(StoreKeys.keyOf(key, prefix.length)).isEqualTo(new Key(bucket, name));
    assertThat(StoreKeys.replicaOf(key)).isEqualTo(new StoreKeys.Replica(partition, hintFor));
    assertThat(Arrays.compareUnsigned(key, StoreKeys.after(prefix))).isNegative();
  }

  @Property
  void objectsOfAnotherReplicaNeverShareItsPrefix(
      @ForAll @IntRange(min = 0, max = 1023) int p1,
      @ForAll @StringLength(max = 12) String h1,
      @ForAll @IntRange(min = 0, max = 1023) int p2,
      @ForAll @StringLength(max = 12) String h2,
      @ForAll @StringLength(max = 20) String bucket,
      @ForAll @StringLength(max = 20) String name) {
    String hint1 = h1.isEmpty() ? null : h1;
    String hint2 = h2.isEmpty() ? null : h2;
    if (p1 == p2 && java.util.Objects.equals(hint1, hint2)) {
      return;
    }
    byte[] prefix1 = StoreKeys.replicaPrefix(p1, hint1);
    byte[] key2 = StoreKeys.objectKey(StoreKeys.replicaPrefix(p2, hint2), new Key(bucket, name));
    assertThat(StoreKeys.startsWith(key2, prefix1)).isFalse();
  }

  @Property
  void replicasSortByPartition(
      @ForAll @IntRange(min = 0, max = 1 << 20) int p1,
      @ForAll @IntRange(min = 0, max = 1 << 20) int p2,
      @ForAll @StringLength(max = 12) String h1,
      @ForAll @StringLength(max = 12) String h2) {
    if (p1 >= p2) {
      return;
    }
    byte[] a = StoreKeys.objectKey(StoreKeys.replicaPrefix(p1, h1.isEmpty() ? null : h1), new Key("b", "zzz"));
    byte[] b = StoreKeys.objectKey(StoreKeys.replicaPrefix(p2, h2.isEmpty() ? null : h2), new Key("a", "a"));
    assertThat(Arrays.compareUnsigned(a, b)).isNegative();
  }
}
