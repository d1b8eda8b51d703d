package org.cnnserve.validation;

import java.time.Instant;
import java.util.List;

/**
 * A finished validation of one model version on one data set.
 *
 * @param images          images validated
 * @param top1            fraction whose most probable class was the true one
 * @param top5            fraction whose true class was among the five most probable
 * @param perClass        accuracy of each class the data set has, by model label
 * @param confusion       true class (rows) against predicted class (columns), both by model class index;
 *                        {@code null} for models of more than {@value Tally#MAX_CONFUSION_CLASSES} classes
 * @param latency         time from submitting an image to its answer, through the model's queue
 * @param imagesPerSecond images validated per second of the job's run
 * @param weights         {@code sha256:<hex>} of the version folder's weights files as its job started
 *                        ({@link WeightsFingerprint}); {@code null} for a folder without weights, and in reports
 *                        stored before reports carried it
 */
public record ValidationReport(String model, int version, String dataset, String trigger, int images, double top1,
                               double top5, List<ClassAccuracy> perClass, Confusion confusion, Latency latency,
                               double imagesPerSecond, Instant startedAt, Instant finishedAt, String weights) {

    /** This report, as measured on the weights with this fingerprint. */
    ValidationReport withWeights(String fingerprint) {
        return new ValidationReport(model, version, dataset, trigger, images, top1, top5, perClass, confusion, latency,
                imagesPerSecond, startedAt, finishedAt, fingerprint);
    }

    public record ClassAccuracy(String label, int classIndex, int images, double top1) {
    }

    public record Confusion(List<String> labels, int[][] counts) {
    }

    public record Latency(double meanMs, double p50Ms, double p99Ms, double maxMs) {
    }
}
