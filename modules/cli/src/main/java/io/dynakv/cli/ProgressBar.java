package io.dynakv.cli;

import java.util.Locale;

/** A text progress bar: {@code [##########----------]  50%}. */
final class ProgressBar {

  private ProgressBar() {}

  static String render(double fraction, int width) {
    double clamped = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
    int filled = (int) Math.floor(clamped * width);
    int percent = (int) Math.floor(clamped * 100);
    return "["
        + "#".repeat(filled)
        + "-".repeat(width - filled)
        + "] "
        + String.format(Locale.ROOT, "%3d%%", percent);
  }
}
