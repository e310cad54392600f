package io.dynakv.bench;

/** What writing the whole key space once before the run came to. */
public record PreloadResult(OperationStats stats, double seconds) {}
