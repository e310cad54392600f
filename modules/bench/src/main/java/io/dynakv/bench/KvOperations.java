package io.dynakv.bench;

import java.io.IOException;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Issues one read, update or insert and reports what came of it. Failures become an error
 * kind rather than an exception, so the load loop only ever stops for an interrupt.
 */
public final class KvOperations {

  private static final int OK = 200;
  private static final int MULTIPLE_CHOICES = 300;
  private static final int NOT_FOUND = 404;

  private final KvClient client;
  private final String bucket;
  private final byte[] value;

  /** @param value the bytes every PUT of this worker sends */
  public KvOperations(KvClient client, String bucket, byte[] value) {
    this.client = client;
    this.bucket = bucket;
    this.value = value.clone();
  }

  /**
   * Random bytes rather than a repeated pattern, so nothing on the way (compression,
   * deduplication) makes the values cheaper than real ones.
   */
  public static KvOperations withRandomValue(KvClient client, String bucket, int size, long seed) {
    byte[] value = new byte[size];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < size; i++) {
      value[i] = (byte) random.nextInt(256);
    }
    return new KvOperations(client, bucket, value);
  }

  /**
   * What one operation came to.
   *
   * @param errorKind null when the operation succeeded
   * @param timedFromNanos where its latency starts (see {@link KvOperations#update})
   */
  public record Outcome(String errorKind, long timedFromNanos, long endNanos) {

    public boolean isOk() {
      return errorKind == null;
    }

    public long latencyNanos() {
      return endNanos - timedFromNanos;
    }
  }

  public Outcome execute(OperationType type, String key) throws InterruptedException {
    switch (type) {
      case READ:
        return read(key);
      case UPDATE:
        return update(key);
      default:
        return insert(key);
    }
  }

  /** Siblings (300) and a missing key (404) are answers, not errors. */
  public Outcome read(String key) throws InterruptedException {
    long start = System.nanoTime();
    try {
      KvClient.Response response = client.get(bucket, key);
      return isReadAnswer(response.status())
          ? new Outcome(null, start, System.nanoTime())
          : new Outcome(ErrorKind.ofStatus(response.status()), start, System.nanoTime());
    } catch (IOException failure) {
      return new Outcome(ErrorKind.ofException(failure), start, System.nanoTime());
    }
  }

  /**
   * GET for the context, then PUT with it. Only the PUT is timed: the GET is a read's work
   * and timing it here would make updates look twice as slow as the write they measure. The
   * GET is not counted as a read either, so the read row reflects the configured mix.
   */
  public Outcome update(String key) throws InterruptedException {
    long getStart = System.nanoTime();
    Optional<String> context;
    try {
      KvClient.Response read = client.get(bucket, key);
      if (!isReadAnswer(read.status())) {
        String kind = ErrorKind.ofUpdateRead(ErrorKind.ofStatus(read.status()));
        return new Outcome(kind, getStart, System.nanoTime());
      }
      context = read.context();
    } catch (IOException failure) {
      String kind = ErrorKind.ofUpdateRead(ErrorKind.ofException(failure));
      return new Outcome(kind, getStart, System.nanoTime());
    }
    return put(key, context);
  }

  public Outcome insert(String key) throws InterruptedException {
    return put(key, Optional.empty());
  }

  private Outcome put(String key, Optional<String> context)
      throws InterruptedException {
    long start = System.nanoTime();
    try {
      KvClient.Response response = client.put(bucket, key, value, context);
      return isWriteAnswer(response.status())
          ? new Outcome(null, start, System.nanoTime())
          : new Outcome(ErrorKind.ofStatus(response.status()), start, System.nanoTime());
    } catch (IOException failure) {
      return new Outcome(ErrorKind.ofException(failure), start, System.nanoTime());
    }
  }

  private static boolean isReadAnswer(int status) {
    return status == OK || status == MULTIPLE_CHOICES || status == NOT_FOUND;
  }

  /** 2xx, or 300: stored, with concurrent versions left beside it (shown in the answer). */
  private static boolean isWriteAnswer(int status) {
    return (status >= 200 && status < 300) || status == MULTIPLE_CHOICES;
  }
}
