package io.dynakv.bench;

import java.util.SplittableRandom;

/**
 * One thread of load: asks the pacer when to go, picks an operation and a key, issues
 * it and reports it, until the pacer says stop. Owns its random sources, so workers never
 * contend for them and a run is reproducible from its seed.
 */
public final class LoadWorker implements Runnable {

  private final Pacer pacer;
  private final OperationMix mix;
  private final SplittableRandom random;
  private final KeyChooser keys;
  private final KeyNames keyNames;
  private final KvOperations operations;
  private final Measurements measurements;

  public LoadWorker(
      Pacer pacer,
      OperationMix mix,
      SplittableRandom random,
      KeyChooser keys,
      KeyNames keyNames,
      KvOperations operations,
      Measurements measurements) {
    this.pacer = pacer;
    this.mix = mix;
    this.random = random;
    this.keys = keys;
    this.keyNames = keyNames;
    this.operations = operations;
    this.measurements = measurements;
  }

  @Override
  public void run() {
    try {
      long intended;
      while ((intended = pacer.awaitNext()) != Pacer.STOP) {
        long actualStart = System.nanoTime();
        OperationType type = mix.choose(random.nextDouble());
        String key =
            type == OperationType.INSERT
                ? keyNames.fresh()
                : KeyNames.existing(keys.nextKeyIndex());
        KvOperations.Outcome outcome = operations.execute(type, key);
        measurements.record(type, intended, actualStart, outcome);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
