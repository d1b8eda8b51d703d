package org.cnnserve.training;

import java.util.Map;

/**
 * What a version's {@code training.json} records: enough to rerun the training and to judge it.
 *
 * @param command the exact command line, minus the launcher
 */
record TrainingRecord(String model, int version, String architecture, String input, int classes,
                      Map<String, Object> dataset, Map<String, Object> hyperparameters, int epochs,
                      double finalLoss, double trainAccuracy, double testAccuracy, double durationSeconds,
                      String command, String createdAt, String framework) {

    TrainingRecord withVersion(int number) {
        return new TrainingRecord(model, number, architecture, input, classes, dataset, hyperparameters, epochs,
                finalLoss, trainAccuracy, testAccuracy, durationSeconds, command, createdAt, framework);
    }
}
