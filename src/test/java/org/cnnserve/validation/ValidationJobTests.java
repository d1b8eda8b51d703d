package org.cnnserve.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationJobTests {

    private static final Instant SUBMITTED = Instant.parse("2025-01-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(SUBMITTED);
    private final ValidationJob job = new ValidationJob("job-1", "lenet", 2, "fashion-mnist", 0, 1000, "api", clock);

    private static Tally answered(int images) {
        Tally tally = new Tally(List.of("a", "b"), 1000);
        answer(tally, images);
        return tally;
    }

    private static void answer(Tally tally, int images) {
        for (int i = 0; i < images; i++) {
            tally.record(0, new float[] {0.9f, 0.1f}, 1_000_000);
        }
    }

    @Test
    void aNewJobIsQueuedWithItsTotalAndNoProgress() {
        JobStatus status = job.status();

        assertThat(status.state()).isEqualTo(JobState.QUEUED);
        assertThat(status).extracting(JobStatus::id, JobStatus::model, JobStatus::version, JobStatus::dataset,
                JobStatus::trigger).containsExactly("job-1", "lenet", 2, "fashion-mnist", "api");
        assertThat(status.total()).isEqualTo(1000);
        assertThat(status.done()).isZero();
        assertThat(status.imagesPerSecond()).isZero();
        assertThat(status.etaSeconds()).isNull();
        assertThat(status.submittedAt()).isEqualTo(SUBMITTED);
        assertThat(status.startedAt()).isNull();
        assertThat(status.finishedAt()).isNull();
    }

    @Test
    void aRunningJobShowsProgressRateAndEtaFromTheClock() {
        clock.advance(Duration.ofSeconds(5));
        Tally tally = answered(0);
        job.running(1000, tally);
        clock.advance(Duration.ofSeconds(2));
        answer(tally, 100);

        JobStatus status = job.status();

        assertThat(status.state()).isEqualTo(JobState.RUNNING);
        assertThat(status.done()).isEqualTo(100);
        assertThat(status.total()).isEqualTo(1000);
        assertThat(status.imagesPerSecond()).isEqualTo(50.0);
        assertThat(status.etaSeconds()).isEqualTo(18.0);
        assertThat(status.startedAt()).isEqualTo(SUBMITTED.plusSeconds(5));
    }

    @Test
    void aRunningJobWithNoAnswersYetHasNoEta() {
        job.running(1000, answered(0));
        clock.advance(Duration.ofSeconds(2));

        assertThat(job.status().etaSeconds()).isNull();
    }

    @Test
    void runningTakesTheTotalOfTheOpenedDataSet() {
        ValidationJob waiting = new ValidationJob("job-2", "lenet", 2, "fashion-mnist", 0, 0, "load", clock);
        waiting.running(250, answered(0));

        assertThat(waiting.status().total()).isEqualTo(250);
    }

    @Test
    void aSucceededJobHoldsItsReportAndFinishTimeAndNoEta() {
        Tally tally = answered(0);
        job.running(1000, tally);
        clock.advance(Duration.ofSeconds(10));
        answer(tally, 1000);
        ValidationReport report = tally.report("lenet", 2, "fashion-mnist", "api", SUBMITTED, clock.instant(), 10);
        job.succeeded(report);
        clock.advance(Duration.ofSeconds(30)); // time after the end changes nothing

        JobStatus status = job.status();

        assertThat(status.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(status.report()).isSameAs(report);
        assertThat(status.reason()).isNull();
        assertThat(status.finishedAt()).isEqualTo(SUBMITTED.plusSeconds(10));
        assertThat(status.done()).isEqualTo(1000);
        assertThat(status.imagesPerSecond()).isEqualTo(100.0);
        assertThat(status.etaSeconds()).isNull();
    }

    @Test
    void aFailedJobKeepsItsReason() {
        job.running(1000, answered(10));
        clock.advance(Duration.ofSeconds(1));
        job.ended(JobState.FAILED, "image answered with IllegalStateException: boom");

        JobStatus status = job.status();

        assertThat(status.state()).isEqualTo(JobState.FAILED);
        assertThat(status.reason()).isEqualTo("image answered with IllegalStateException: boom");
        assertThat(status.finishedAt()).isEqualTo(SUBMITTED.plusSeconds(1));
        assertThat(status.report()).isNull();
        assertThat(status.etaSeconds()).isNull();
    }

    @Test
    void cancelOnlyAsksTheJobToStop() {
        assertThat(job.cancelRequested()).isFalse();

        job.cancel();

        assertThat(job.cancelRequested()).isTrue();
        assertThat(job.state()).isEqualTo(JobState.QUEUED);
    }
}
