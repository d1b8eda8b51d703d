package org.cnnserve.validation;

import java.time.Instant;

/**
 * What the API shows of a validation job: progress while it runs, the report once it succeeded.
 *
 * @param done            images answered so far
 * @param total           images the job validates
 * @param imagesPerSecond answered images per second since the job started running
 * @param etaSeconds      seconds left at that rate; {@code null} before the first answer
 */
public record JobStatus(String id, String model, int version, String dataset, String trigger, JobState state,
                        String reason, int done, int total, double imagesPerSecond, Double etaSeconds,
                        Instant submittedAt, Instant startedAt, Instant finishedAt, ValidationReport report) {
}
