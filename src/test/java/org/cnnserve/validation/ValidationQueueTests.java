package org.cnnserve.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ValidationQueueTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T12:00:00Z"));
    private final ManualExecutorService executor = new ManualExecutorService();
    private final List<String> ran = new ArrayList<>();
    private int submitted;

    private ValidationQueue started(int maxQueued, int keepFinished, ExecutorService on) {
        ValidationQueue queue = new ValidationQueue(maxQueued, keepFinished, on, Duration.ofSeconds(30));
        queue.start();
        return queue;
    }

    private ValidationJob job() {
        return new ValidationJob("job-" + ++submitted, "lenet", 1, "fashion-mnist", 0, 100, "api", clock);
    }

    /** Work that records its job and ends it, as real work does. */
    private Runnable work(ValidationJob job) {
        return () -> {
            ran.add(job.id);
            job.ended(JobState.SUCCEEDED, null);
        };
    }

    private JobStatus submit(ValidationQueue queue) {
        ValidationJob job = job();
        return queue.submit(job, work(job));
    }

    @Test
    void aJobIsHandedToTheExecutorOnlyWhenTheOneBeforeItHasEnded() {
        ValidationQueue queue = started(8, 100, executor);
        submit(queue);
        submit(queue);
        submit(queue);

        assertThat(executor.handed()).isEqualTo(1);
        executor.runNext();
        assertThat(executor.handed()).isEqualTo(1);
        executor.runNext();
        executor.runNext();

        assertThat(ran).containsExactly("job-1", "job-2", "job-3");
        assertThat(executor.handed()).isZero();
    }

    @Test
    void onAnExecutorThatRunsTasksAtOnceAJobHasEndedWhenSubmitReturns() {
        ValidationQueue queue = started(8, 100, direct());

        JobStatus first = submit(queue);
        submit(queue);

        assertThat(ran).containsExactly("job-1", "job-2");
        assertThat(first.state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void oneJobMoreThanMayWaitIsRefusedUntilTheRunningOneEnds() {
        ValidationQueue queue = started(2, 100, executor);
        submit(queue); // running
        submit(queue);
        submit(queue);

        assertThatThrownBy(() -> submit(queue)).isInstanceOfSatisfying(ValidationRequestException.class, e -> {
            assertThat(e.kind()).isEqualTo(ValidationRequestException.Kind.TOO_MANY_JOBS);
            assertThat(e.getMessage()).isEqualTo("2 validation jobs wait already (cnnserve.validation.max-queued-jobs)");
        });
        assertThat(queue.jobs()).hasSize(3);

        executor.runNext();
        submit(queue);
        assertThat(queue.jobs()).extracting(JobStatus::id).containsExactly("job-5", "job-3", "job-2", "job-1");
    }

    @Test
    void aQueueNotStartedRefusesJobs() {
        ValidationQueue queue = new ValidationQueue(8, 100, executor, Duration.ofSeconds(30));

        assertThatThrownBy(() -> submit(queue)).isInstanceOfSatisfying(ValidationRequestException.class,
                e -> assertThat(e.kind()).isEqualTo(ValidationRequestException.Kind.TOO_MANY_JOBS));
        assertThat(queue.isRunning()).isFalse();
        assertThat(executor.handed()).isZero();
    }

    @Test
    void stoppingCancelsTheWaitingJobsAtOnceAndAsksTheRunningOneToStop() {
        ValidationQueue queue = started(8, 100, executor);
        ValidationJob running = job();
        queue.submit(running, work(running));
        submit(queue);

        queue.stop();

        assertThat(running.cancelRequested()).isTrue();
        assertThat(queue.job("job-2")).get().satisfies(s -> {
            assertThat(s.state()).isEqualTo(JobState.CANCELLED);
            assertThat(s.reason()).isEqualTo("the service is stopping");
        });
        assertThat(executor.wasShutDownNow()).as("the running job did not end within the grace period").isTrue();
        assertThat(queue.isRunning()).isFalse();
        assertThatThrownBy(() -> submit(queue)).isInstanceOf(ValidationRequestException.class);
        assertThat(ran).isEmpty();
    }

    @Test
    void stoppingWithNoJobRunningShutsTheExecutorDownGently() {
        ValidationQueue queue = started(8, 100, executor);
        submit(queue);
        executor.runNext();

        queue.stop();

        assertThat(executor.isShutdown()).isTrue();
        assertThat(executor.wasShutDownNow()).isFalse();
    }

    @Test
    void onlyTheNewestFinishedJobsAreRememberedNewestFirst() {
        ValidationQueue queue = started(8, 2, direct());
        submit(queue);
        submit(queue);
        submit(queue);
        submit(queue); // remembering it forgets the oldest finished job beyond two

        assertThat(queue.jobs()).extracting(JobStatus::id).containsExactly("job-4", "job-3", "job-2");
        assertThat(queue.job("job-1")).isEmpty();
        assertThat(queue.job("job-3")).get().extracting(JobStatus::state).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void theBoundsAreCheckedWhereTheQueueIsBuilt() {
        assertThatThrownBy(() -> new ValidationQueue(0, 1, executor, Duration.ZERO))
                .hasMessage("jobs that may wait must be at least 1, was 0");
        assertThatThrownBy(() -> new ValidationQueue(1, 0, executor, Duration.ZERO))
                .hasMessage("finished jobs kept must be at least 1, was 0");
    }

    /** Runs each task on the calling thread as it is handed over: {@code executor(Runnable::run)}. */
    private static ExecutorService direct() {
        return new AbstractExecutorService() {
            @Override
            public void execute(Runnable command) {
                command.run();
            }

            @Override
            public void shutdown() {
            }

            @Override
            public List<Runnable> shutdownNow() {
                return List.of();
            }

            @Override
            public boolean isShutdown() {
                return false;
            }

            @Override
            public boolean isTerminated() {
                return false;
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) {
                return true;
            }
        };
    }
}
