package org.cnnserve.training;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cnnserve.datasets.LabelledImages;
import org.cnnserve.registry.ModelDefinition;

/**
 * What a version's {@code training.json} records: enough to rerun the training and to judge it.
 *
 * @param finalLoss    the last epoch's smoothed training loss
 * @param validation   the held-out split the epoch was chosen on: its size and seed, the top-1 of each
 *                     epoch there, the selected epoch (whose weights are the version's) and its top-1
 * @param testAccuracy top-1 on the test split, measured once, on the selected epoch's weights
 * @param command the exact command line, minus the launcher
 */
record TrainingRecord(String model, int version, String architecture, String input, int classes,
                      Map<String, Object> dataset, Map<String, Object> hyperparameters, int epochs,
                      double finalLoss, double trainAccuracy, Map<String, Object> validation, double testAccuracy,
                      double testTop5, int testCorrectTop1, int testCorrectTop5, double durationSeconds,
                      String command, String createdAt, String framework) {

    /**
     * The record of a finished run, version still 0: {@link VersionWriter} numbers it.
     *
     * @param kernels which layers ran on native ops, as {@link LayerKernels#describe} says
     */
    static TrainingRecord of(TrainingOptions options, String command, ModelDefinition definition, String architecture,
                             LabelledImages train, LabelledImages test, String kernels, double loss,
                             double trainAccuracy, Accuracy.Counts testCounts, EpochSelection<?> selection,
                             double seconds) {
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("path", options.dataset().toAbsolutePath().toString());
        dataset.put("train", train.description());
        dataset.put("train_images", train.size());
        dataset.put("test", test.description());
        dataset.put("test_images", test.size());
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put("size", options.validationSplit());
        validation.put("seed", options.validationSeed());
        validation.put("top1_per_epoch", selection.top1PerEpoch());
        validation.put("selected_epoch", selection.selectedEpoch());
        validation.put("top1", selection.selectedTop1());
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("optimizer", Optimiser.DESCRIPTION);
        hyper.put("batch_size", options.batchSize());
        hyper.put("learning_rate", options.learningRate());
        hyper.put("schedule", Optimiser.SCHEDULE);
        hyper.put("momentum", options.momentum());
        hyper.put("weight_decay", options.weightDecay());
        hyper.put("seed", options.seed());
        hyper.put("augmentation", new Augmentation(options.flip(), options.shift()).description());
        return new TrainingRecord(options.model(), 0, architecture, definition.config().input().toString(),
                definition.config().classes(), dataset, hyper, options.epochs(), loss, trainAccuracy, validation,
                testCounts.top1Rate(), testCounts.top5Rate(), testCounts.top1(), testCounts.top5(), seconds, command,
                Instant.now().toString(), "deeplearning4j 1.0.0-M2.1, " + kernels);
    }

    TrainingRecord withVersion(int number) {
        return new TrainingRecord(model, number, architecture, input, classes, dataset, hyperparameters, epochs,
                finalLoss, trainAccuracy, validation, testAccuracy, testTop5, testCorrectTop1, testCorrectTop5,
                durationSeconds, command, createdAt, framework);
    }
}
