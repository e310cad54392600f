package io.dynakv.bench;

/**
 * Everything a run needs, built once from the command line and validated there.
 *
 * @param preload write every key of the key space once before the warm-up
 * @param seed root of every random source in the run (mix, keys, targets, value bytes)
 */
public record BenchSettings(
    Workload workload, Pacing pacing, ClientSettings client, boolean preload, long seed) {}
