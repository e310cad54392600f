package io.dynakv.bench;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything the reports print: the settings the run was given and what it measured.
 *
 * @param operations one entry per {@link OperationType}, in its order
 * @param measuredSeconds length of the measured interval actually run (shorter than the
 *     configured duration when interrupted)
 * @param unstarted open loop only: operations due in the measured interval that never started
 *     because the run ended first
 */
public record RunSummary(
    BenchSettings settings,
    Optional<PreloadResult> preload,
    List<OperationStats> operations,
    OperationStats total,
    double measuredSeconds,
    boolean interrupted,
    OptionalLong unstarted) {}
