package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium run as a process: loads a page, lets its scripts run for a
 * budget of virtual time (timers fire without waiting, fetches are waited for), then prints
 * the DOM or saves a screenshot. Every run gets a fresh profile directory.
 */
final class HeadlessChromium {

  static final Path BINARY = Path.of("/usr/bin/chromium");
  static final String REQUIRE_ENV = "DYNAKV_REQUIRE_CHROMIUM";

  private static final long DEADLINE_SECONDS = 180;
  private static final int VIRTUAL_TIME_MILLIS = 15_000;

  private final Path workDir;
  private int runs;

  HeadlessChromium(Path workDir) {
    this.workDir = workDir;
  }

  /** Skips the calling test without Chromium, unless CI said it must be there. */
  static void assumeInstalled() {
    if (Files.isExecutable(BINARY)) {
      return;
    }
    String detail = BINARY + " is missing (apt-get install chromium)";
    if ("1".equals(System.getenv(REQUIRE_ENV))) {
      throw new AssertionError(detail + ", and " + REQUIRE_ENV + "=1 requires it");
    }
    Assumptions.abort(detail);
  }

  /** The DOM of the page once its scripts had the virtual time budget to run. */
  Document dumpDom(URI page) throws Exception {
    Path out = run(page, "--dump-dom");
    return Jsoup.parse(Files.readString(out, StandardCharsets.UTF_8), page.toString());
  }

  /** Saves a PNG of the page (window 1400x1000) once its scripts ran. */
  void screenshot(URI page, Path png) throws Exception {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.deleteIfExists(png);
    run(page, "--screenshot=" + png.toAbsolutePath());
    assertThat(png).as("screenshot of " + page).exists();
  }

  private Path run(URI page, String action) throws Exception {
    int run = ++runs;
    Path profile = Files.createDirectories(workDir.resolve("profile-" + run));
    Path out = workDir.resolve("stdout-" + run);
    Path err = workDir.resolve("stderr-" + run);
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.add("--headless");
    command.add("--no-sandbox");
    command.add("--disable-gpu");
    command.add("--disable-quic");
    command.add("--no-first-run");
    command.add("--disable-background-networking");
    command.add("--disable-component-update");
    command.add("--disable-sync");
    command.add("--hide-scrollbars");
    command.add("--user-data-dir=" + profile);
    command.add("--window-size=1400,1000");
    command.add("--virtual-time-budget=" + VIRTUAL_TIME_MILLIS);
    command.add(action);
    command.add(page.toString());
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError(
            "chromium did not finish within " + DEADLINE_SECONDS + " s: " + tail(err));
      }
      assertThat(process.exitValue()).as("chromium exit code; stderr: %s", tail(err)).isZero();
      return out;
    } finally {
      // The launcher script's children (renderer, GPU, zygote) outlive a killed parent.
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static String tail(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    } catch (IOException e) {
      return "(no stderr: " + e + ")";
    }
  }
}
