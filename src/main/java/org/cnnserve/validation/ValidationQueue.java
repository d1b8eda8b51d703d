package org.cnnserve.validation;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The validation jobs: accepts them while started, runs them one at a time in the order they came
 * on its executor, and remembers their status. At most {@code maxQueued} wait behind the running
 * one; one more is refused. The queue, not the executor, keeps jobs apart: a job is handed to the
 * executor only when the one before it has ended, so any executor will do.
 *
 * <p>A job's work writes its own end to the job and must not throw; the queue only orders it.
 * {@link #stop} refuses new jobs, asks every job to cancel, ends the waiting ones CANCELLED at once
 * and gives the running one {@code grace} to finish before interrupting it.
 */
final class ValidationQueue {

    private static final String STOPPING = "the service is stopping";

    private record Queued(ValidationJob job, Runnable work) {
    }

    private final int maxQueued;
    private final int keepFinished;
    private final ExecutorService executor;
    private final Duration grace;
    private final Object lock = new Object();
    private final Map<String, ValidationJob> history = new LinkedHashMap<>(); // guarded by lock
    private final Deque<Queued> waiting = new ArrayDeque<>(); // guarded by lock
    private boolean busy; // guarded by lock: a job is with the executor
    private volatile boolean accepting;

    /**
     * @param maxQueued    jobs that may wait for the running one
     * @param keepFinished finished jobs whose status stays available; older ones are forgotten
     * @param executor     runs the jobs; the queue shuts it down in {@link #stop}
     * @param grace        how long {@link #stop} waits for the running job before interrupting it
     */
    ValidationQueue(int maxQueued, int keepFinished, ExecutorService executor, Duration grace) {
        if (maxQueued < 1) {
            throw new IllegalArgumentException("jobs that may wait must be at least 1, was " + maxQueued);
        }
        if (keepFinished < 1) {
            throw new IllegalArgumentException("finished jobs kept must be at least 1, was " + keepFinished);
        }
        this.maxQueued = maxQueued;
        this.keepFinished = keepFinished;
        this.executor = executor;
        this.grace = grace;
    }

    /** From now on jobs are accepted. */
    void start() {
        accepting = true;
    }

    boolean isRunning() {
        return accepting;
    }

    /**
     * Accepts a job: runs its work now if no job runs, else after those before it.
     *
     * @throws ValidationRequestException TOO_MANY_JOBS when the queue is full or not started or stopped
     */
    JobStatus submit(ValidationJob job, Runnable work) {
        Queued queued = new Queued(job, work);
        synchronized (lock) {
            if (!accepting) {
                throw new ValidationRequestException(ValidationRequestException.Kind.TOO_MANY_JOBS,
                        "the service is not running validation jobs: it is starting or stopping");
            }
            if (busy && waiting.size() >= maxQueued) {
                throw new ValidationRequestException(ValidationRequestException.Kind.TOO_MANY_JOBS,
                        maxQueued + " validation jobs wait already (cnnserve.validation.max-queued-jobs)");
            }
            remember(job);
            if (busy) {
                waiting.add(queued);
                return job.status();
            }
            busy = true;
        }
        hand(queued);
        return job.status();
    }

    Optional<JobStatus> job(String id) {
        synchronized (lock) {
            return Optional.ofNullable(history.get(id)).map(ValidationJob::status);
        }
    }

    /** Every job still remembered, the most recent first. */
    List<JobStatus> jobs() {
        List<JobStatus> all = new ArrayList<>();
        synchronized (lock) {
            history.values().forEach(j -> all.add(0, j.status()));
        }
        return all;
    }

    /** Refuses new jobs, cancels every job and waits up to the grace period for the running one. */
    void stop() {
        List<Queued> dropped;
        synchronized (lock) {
            accepting = false;
            history.values().forEach(ValidationJob::cancel);
            dropped = new ArrayList<>(waiting);
            waiting.clear();
        }
        dropped.forEach(q -> q.job.ended(JobState.CANCELLED, STOPPING));
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    private void remember(ValidationJob job) {
        history.put(job.id, job);
        var finished = history.values().stream().filter(j -> j.state().finished()).toList();
        for (int i = 0; i < finished.size() - keepFinished; i++) {
            history.remove(finished.get(i).id);
        }
    }

    /** Outside the lock: an executor may run the work on the calling thread. */
    private void hand(Queued queued) {
        try {
            executor.execute(() -> {
                try {
                    queued.work.run();
                } finally {
                    next();
                }
            });
        } catch (RejectedExecutionException e) { // stopped between accepting the job and handing it over
            queued.job.ended(JobState.CANCELLED, STOPPING);
            next();
        }
    }

    private void next() {
        Queued next;
        synchronized (lock) {
            next = waiting.poll();
            busy = next != null;
        }
        if (next != null) {
            hand(next);
        }
    }
}
