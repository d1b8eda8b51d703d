package org.cnnserve.training;

import java.io.PrintStream;
import org.cnnserve.architectures.InputShape;

/**
 * What a training run prints as it goes: what it trains, each hundredth batch with its rate and
 * the time left, each epoch's test accuracy, and the version written. Times count from the run's
 * start, which includes preparing the data.
 */
final class Progress {

    private final PrintStream out;
    private final String model;
    private final int epochs;
    private final long started;

    /** @param started {@link System#nanoTime()} when the run began */
    Progress(PrintStream out, String model, int epochs, long started) {
        this.out = out;
        this.model = model;
        this.epochs = epochs;
        this.started = started;
    }

    /** @param kernels which layers run on native ops, as {@link LayerKernels#describe} says */
    void starting(String architecture, InputShape input, long parameters, boolean auxiliaryHeads, int trainImages,
                  int testImages, int threads, String kernels) {
        out.printf("training %s (%s, %s, %d parameters%s) on %d images, testing on %d, %d native thread(s), %s%n",
                model, architecture, input, parameters, auxiliaryHeads ? ", auxiliary heads while training" : "",
                trainImages, testImages, threads, kernels);
    }

    /**
     * @param seen       images trained on so far in this epoch
     * @param epochStart {@link System#nanoTime()} when this epoch began
     */
    void batch(int epoch, int batch, int batches, double loss, double accuracy, long seen, long epochStart) {
        double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
        double imagesPerSecond = seen / epochSeconds;
        double done = (epoch - 1 + (double) batch / batches) / epochs;
        double elapsed = seconds();
        double eta = elapsed / done - elapsed;
        out.printf("epoch %d/%d batch %d/%d loss %.4f batch top-1 %.3f %.0f img/s ETA %.0f s%n", epoch,
                epochs, batch, batches, loss, accuracy, imagesPerSecond, eta);
    }

    void epochDone(int epoch, double loss, double testAccuracy) {
        out.printf("epoch %d/%d done: loss %.4f, test top-1 %.4f%n", epoch, epochs, loss, testAccuracy);
    }

    void wrote(int version, double trainAccuracy, double testAccuracy, double seconds) {
        out.printf("wrote %s version %d: train top-1 %.4f (first 10000), test top-1 %.4f, %.0f s%n",
                model, version, trainAccuracy, testAccuracy, seconds);
    }

    /** Seconds since the run began. */
    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
