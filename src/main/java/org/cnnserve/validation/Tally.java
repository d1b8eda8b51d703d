package org.cnnserve.validation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Counts a validation's answers as they arrive, from any thread. */
final class Tally {

    static final int MAX_CONFUSION_CLASSES = 100;

    private final List<String> labels;
    private final int[] images;
    private final int[] top1ByClass;
    private final int[][] confusion;
    private final long[] latencies;
    private int count;
    private int top1;
    private int top5;

    Tally(List<String> labels, int capacity) {
        this.labels = List.copyOf(labels);
        int classes = labels.size();
        this.images = new int[classes];
        this.top1ByClass = new int[classes];
        this.confusion = classes <= MAX_CONFUSION_CLASSES ? new int[classes][classes] : null;
        this.latencies = new long[capacity];
    }

    synchronized void record(int trueClass, float[] probabilities, long latencyNanos) {
        int predicted = 0;
        int higher = 0; // classes strictly more probable than the true one; ties count in its favour
        for (int c = 0; c < probabilities.length; c++) {
            if (probabilities[c] > probabilities[predicted]) {
                predicted = c;
            }
            if (probabilities[c] > probabilities[trueClass]) {
                higher++;
            }
        }
        images[trueClass]++;
        if (predicted == trueClass) {
            top1++;
            top1ByClass[trueClass]++;
        }
        if (higher < 5) {
            top5++;
        }
        if (confusion != null) {
            confusion[trueClass][predicted]++;
        }
        latencies[count++] = latencyNanos;
    }

    synchronized int count() {
        return count;
    }

    synchronized ValidationReport report(String model, int version, String dataset, String trigger, Instant started,
                                         Instant finished, double seconds) {
        List<ValidationReport.ClassAccuracy> perClass = new ArrayList<>();
        for (int c = 0; c < images.length; c++) {
            if (images[c] > 0) {
                perClass.add(new ValidationReport.ClassAccuracy(labels.get(c), c, images[c],
                        (double) top1ByClass[c] / images[c]));
            }
        }
        ValidationReport.Confusion matrix = confusion == null ? null : new ValidationReport.Confusion(labels,
                Arrays.stream(confusion).map(int[]::clone).toArray(int[][]::new));
        // No weights fingerprint here: JobWork takes it as the job starts (ValidationResults.weightsOf).
        return new ValidationReport(model, version, dataset, trigger, count, fraction(top1), fraction(top5), perClass,
                matrix, latency(), seconds > 0 ? count / seconds : 0, started, finished, null);
    }

    private double fraction(int n) {
        return count == 0 ? 0 : (double) n / count;
    }

    private ValidationReport.Latency latency() {
        if (count == 0) {
            return new ValidationReport.Latency(0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        return new ValidationReport.Latency(mean / 1e6, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6,
                sorted[count - 1] / 1e6);
    }

    /** The nearest-rank percentile. */
    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
