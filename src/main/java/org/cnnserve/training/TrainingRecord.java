package org.cnnserve.training;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cnnserve.datasets.LabelledImages;
import org.cnnserve.registry.ModelDefinition;

/**
 * What a version's {@code training.json} records: enough to rerun the training and to judge it.
 *
 * @param command the exact command line, minus the launcher
 */
record TrainingRecord(String model, int version, String architecture, String input, int classes,
                      Map<String, Object> dataset, Map<String, Object> hyperparameters, int epochs,
                      double finalLoss, double trainAccuracy, double testAccuracy, double durationSeconds,
                      String command, String createdAt, String framework) {

    /**
     * The record of a finished run, version still 0: {@link VersionWriter} numbers it.
     *
     * @param kernels which layers ran on native ops, as {@link LayerKernels#describe} says
     */
    static TrainingRecord of(TrainingOptions options, String command, ModelDefinition definition, String architecture,
                             LabelledImages train, LabelledImages test, String kernels, double loss,
                             double trainAccuracy, double testAccuracy, double seconds) {
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("path", options.dataset().toAbsolutePath().toString());
        dataset.put("train", train.description());
        dataset.put("train_images", train.size());
        dataset.put("test", test.description());
        dataset.put("test_images", test.size());
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
                definition.config().classes(), dataset, hyper, options.epochs(), loss, trainAccuracy, testAccuracy,
                seconds, command, Instant.now().toString(), "deeplearning4j 1.0.0-M2.1, " + kernels);
    }

    TrainingRecord withVersion(int number) {
        return new TrainingRecord(model, number, architecture, input, classes, dataset, hyperparameters, epochs,
                finalLoss, trainAccuracy, testAccuracy, durationSeconds, command, createdAt, framework);
    }
}
