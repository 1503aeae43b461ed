package dev.eider.embedding.demo;

import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Hears how far the demo build is: rows embedded and stored so far out of the total. */
public interface BuildProgress {

  /** Before the first batch; {@code done} rows were stored by an earlier, interrupted run. */
  void started(long done, long total);

  /** After each stored batch of {@code rows} rows. */
  void advanced(long rows);

  /** After the last batch. */
  void finished();

  /** Progress that nobody hears. */
  static BuildProgress silent() {
    return new BuildProgress() {
      @Override
      public void started(long done, long total) {}

      @Override
      public void advanced(long rows) {}

      @Override
      public void finished() {}
    };
  }

  /** A progress bar on standard error, with rows/s and the time left. */
  static BuildProgress consoleBar() {
    return new BuildProgress() {
      private ProgressBar bar;

      @Override
      public void started(long done, long total) {
        bar =
            new ProgressBarBuilder()
                .setTaskName("Embedding the demo corpus")
                .setInitialMax(total)
                .startsFrom(done, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" rows", 1)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
      }

      @Override
      public void advanced(long rows) {
        bar.stepBy(rows);
      }

      @Override
      public void finished() {
        bar.close();
      }
    };
  }
}
