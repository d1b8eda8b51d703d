package org.cnnserve.validation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** One validation job's mutable record; the job's thread writes it, the API reads snapshots. */
final class ValidationJob {

    final String id;
    final String model;
    final String dataset;
    final int limit;
    final String trigger;
    private final Clock clock;
    private final Instant submittedAt;
    private volatile JobState state = JobState.QUEUED;
    private volatile String reason;
    private final int version;
    private volatile int total;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile ValidationReport report;
    private volatile Tally tally;
    private volatile boolean cancelled;

    /**
     * @param version the version to validate
     * @param total   images the job will validate, or 0 while its data set is not open yet
     */
    ValidationJob(String id, String model, int version, String dataset, int limit, int total, String trigger,
                  Clock clock) {
        this.id = id;
        this.model = model;
        this.version = version;
        this.total = total;
        this.dataset = dataset;
        this.limit = limit;
        this.trigger = trigger;
        this.clock = clock;
        this.submittedAt = clock.instant();
    }

    JobState state() {
        return state;
    }

    boolean cancelRequested() {
        return cancelled;
    }

    void cancel() {
        cancelled = true;
    }

    void running(int total, Tally tally) {
        this.total = total;
        this.tally = tally;
        this.startedAt = clock.instant();
        this.state = JobState.RUNNING;
    }

    void succeeded(ValidationReport report) {
        this.report = report;
        end(JobState.SUCCEEDED, null);
    }

    void ended(JobState state, String reason) {
        end(state, reason);
    }

    private void end(JobState state, String reason) {
        this.reason = reason;
        this.finishedAt = clock.instant();
        this.state = state;
    }

    JobStatus status() {
        Tally t = tally;
        int done = t == null ? 0 : t.count();
        Instant start = startedAt;
        Instant end = finishedAt == null ? clock.instant() : finishedAt;
        double seconds = start == null ? 0 : Duration.between(start, end).toNanos() / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        Double eta = state == JobState.RUNNING && rate > 0 ? (total - done) / rate : null;
        return new JobStatus(id, model, version, dataset, trigger, state, reason, done, total, rate, eta, submittedAt,
                startedAt, finishedAt, report);
    }
}
