package io.dynakv.it.history;

import java.util.List;

/** Short builders of operations for the checkers' tests; times are plain numbers. */
final class Ops {

  private Ops() {}

  static Operation add(
      String key, String element, long invoke, long complete, Operation.Outcome outcome) {
    return new Operation(
        0, Operation.Type.ADD, key, element, List.of(), invoke, complete, outcome, null);
  }

  static Operation write(
      String key, String value, long invoke, long complete, Operation.Outcome outcome) {
    return new Operation(
        0, Operation.Type.WRITE, key, value, List.of(), invoke, complete, outcome, null);
  }

  static Operation write(String value, long invoke, long complete) {
    return write("k", value, invoke, complete, Operation.Outcome.OK);
  }

  static Operation read(String key, long invoke, long complete, String... values) {
    return new Operation(
        1,
        Operation.Type.READ,
        key,
        null,
        List.of(values),
        invoke,
        complete,
        Operation.Outcome.OK,
        null);
  }

  static Operation read(long invoke, long complete, String... values) {
    return read("k", invoke, complete, values);
  }
}
