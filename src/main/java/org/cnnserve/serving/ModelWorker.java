package org.cnnserve.serving;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fixed thread that owns a model replica and runs the requests of a bounded queue on it.
 *
 * <p>Contract: {@link #submit} never blocks; it returns a future that completes exactly once, with
 * the prediction or with the failure (a {@link QueueFullException} at once when the queue is full,
 * a {@link WorkerStoppedException} once {@link #stop} began). The replica is built on the worker's
 * own thread, because ND4J workspaces belong to the thread that uses them, and a warm-up pass runs
 * before {@link #ready()} completes. {@link #stop} admits nothing new and finishes what is queued.
 */
public final class ModelWorker {

    private static final Logger log = LoggerFactory.getLogger(ModelWorker.class);

    private final String name;
    private final BlockingQueue<Request> queue;
    private final int capacity;
    private final LongSupplier nanoTime;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean stopping;

    private ModelWorker(String name, int capacity, LongSupplier nanoTime, Supplier<BatchModel> replica,
                        float[] warmUpInput) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, was " + capacity);
        }
        this.name = name;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.nanoTime = nanoTime;
        this.thread = new Thread(() -> run(replica, warmUpInput), "worker-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts a worker whose thread builds the replica, runs one warm-up pass on {@code warmUpInput},
     * then serves the queue.
     */
    public static ModelWorker start(String name, int capacity, Supplier<BatchModel> replica, float[] warmUpInput) {
        ModelWorker worker = new ModelWorker(name, capacity, System::nanoTime, replica, warmUpInput);
        worker.thread.start();
        return worker;
    }

    /** Completes when the replica is built and warmed up, or exceptionally if that failed. */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    // Synchronized with the flip of 'stopping' so that nothing is admitted after stop() decided.
    public synchronized CompletableFuture<Prediction> submit(float[] input) {
        CompletableFuture<Prediction> result = new CompletableFuture<>();
        if (stopping) {
            result.completeExceptionally(new WorkerStoppedException(name));
        } else if (!queue.offer(new Request(input, nanoTime.getAsLong(), result))) {
            result.completeExceptionally(new QueueFullException(name, capacity));
        }
        return result;
    }

    public int queueDepth() {
        return queue.size();
    }

    /**
     * Admits nothing new, lets the worker finish the queue, and waits up to {@code grace} for it;
     * whatever is still queued after that fails with {@link WorkerStoppedException}.
     */
    public void stop(Duration grace) {
        beginStopping();
        thread.interrupt();
        try {
            thread.join(Math.max(1, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued();
    }

    private void run(Supplier<BatchModel> replicaFactory, float[] warmUpInput) {
        BatchModel replica;
        try {
            replica = replicaFactory.get();
            replica.predict(new float[][] {warmUpInput});
            ready.complete(null);
        } catch (Throwable t) {
            ready.completeExceptionally(t);
            beginStopping();
            failQueued();
            return;
        }
        while (true) {
            Request request;
            try {
                request = stopping ? queue.poll() : queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                continue; // stop() interrupts to end the wait; the loop re-checks stopping
            }
            if (request == null) {
                if (stopping) {
                    return;
                }
                continue;
            }
            execute(replica, request);
        }
    }

    private void execute(BatchModel replica, Request request) {
        if (request.result.isDone()) {
            return; // the caller gave up; running it would only delay the others
        }
        long start = nanoTime.getAsLong();
        try {
            float[][] out = replica.predict(new float[][] {request.input});
            long end = nanoTime.getAsLong();
            request.result.complete(new Prediction(out[0], Duration.ofNanos(start - request.enqueuedNanos),
                    Duration.ofNanos(end - start), 1));
        } catch (Throwable t) {
            log.warn("inference failed on {}", name, t);
            request.result.completeExceptionally(t);
        }
    }

    private synchronized void beginStopping() {
        stopping = true;
    }

    private void failQueued() {
        List<Request> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(r -> r.result.completeExceptionally(new WorkerStoppedException(name)));
    }

    private record Request(float[] input, long enqueuedNanos, CompletableFuture<Prediction> result) {
    }
}
