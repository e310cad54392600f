package io.dynakv.node.admission;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.dynakv.core.admission.FeedbackThrottle;
import io.dynakv.node.NodeSettings;
import org.HdrHistogram.Histogram;

/**
 * Closes the admission-control loop once per window: the foreground p99 of the window goes
 * into the {@link FeedbackThrottle}, whose share the {@link BackgroundBudget} then offers to
 * background work. Logs when the share changes direction notably.
 */
public final class AdmissionMonitor {

  private enum Tick {
    INSTANCE
  }

  private AdmissionMonitor() {}

  public static Behavior<Object> create(NodeSettings.AdmissionSettings settings, BackgroundBudget budget) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  if (!settings.enabled()) {
                    return Behaviors.ignore();
                  }
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.window());
                  FeedbackThrottle throttle =
                      new FeedbackThrottle(
                          settings.p99Threshold().toNanos() / 1e6,
                          settings.minShare(),
                          settings.increaseStep(),
                          settings.minSamples());
                  return Behaviors.receiveMessage(
                      msg -> {
                        Histogram window = budget.takeWindow();
                        long samples = window.getTotalCount();
                        double p99 = samples == 0 ? 0 : window.getValueAtPercentile(99.0) / 1e6;
                        double before = budget.share();
                        double after = throttle.observe(p99, samples);
                        budget.update(after, p99, samples);
                        if (after < before && before == 1.0) {
                          ctx.getLog()
                              .info(
                                  "foreground p99 {} ms over {} ms: background work slowed to {}",
                                  String.format("%.1f", p99), throttle.thresholdMillis(), after);
                        } else if (after == 1.0 && before < 1.0) {
                          ctx.getLog().info("foreground p99 back under threshold: background work at full pace");
                        }
                        return Behaviors.same();
                      });
                }));
  }
}
