package org.cnnserve.training;

import java.io.PrintStream;
import java.util.Locale;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.architectures.ParameterCounts;

/**
 * What a training run prints as it goes: what it trains, each hundredth batch with its rate and
 * the time left, each epoch's validation accuracy, and the version written with its test accuracy. Times count from the run's
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
    void starting(String architecture, InputShape input, ParameterCounts parameters, boolean auxiliaryHeads,
                  int trainImages, int validationImages, long validationSeed, int testImages, int threads,
                  String kernels) {
        // Learnable parameters as the architecture analysis counts them; DL4J keeps BatchNorm's running
        // statistics among its parameters, so numParams() would count them too.
        out.printf(Locale.ROOT, "training %s (%s, %s, %,d parameters%s%s) on %d images, choosing the epoch on %d held "
                        + "out (seed %d), testing once on %d, %d native thread(s), %s%n",
                model, architecture, input, parameters.parameters(),
                parameters.buffers() > 0 ? String.format(Locale.ROOT, " and %,d BatchNorm statistics",
                        parameters.buffers()) : "",
                auxiliaryHeads ? ", auxiliary heads included while training" : "",
                trainImages, validationImages, validationSeed, testImages, threads, kernels);
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

    /** @param selectedEpoch the best epoch by validation top-1 so far */
    void epochDone(int epoch, double loss, double validationAccuracy, int selectedEpoch) {
        out.printf("epoch %d/%d done: loss %.4f, validation top-1 %.4f (best so far: epoch %d)%n", epoch, epochs, loss,
                validationAccuracy, selectedEpoch);
    }

    void wrote(int version, int selectedEpoch, double validationAccuracy, double trainAccuracy, Accuracy.Counts test,
               double seconds) {
        out.printf("wrote %s version %d from epoch %d (validation top-1 %.4f): train top-1 %.4f (first 10000), "
                        + "test top-1 %.4f (%d of %d), top-5 %.4f, %.0f s%n",
                model, version, selectedEpoch, validationAccuracy, trainAccuracy, test.top1Rate(), test.top1(),
                test.images(), test.top5Rate(), seconds);
    }

    /** Seconds since the run began. */
    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
