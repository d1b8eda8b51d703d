package org.cnnserve.serving;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model replica on its own fixed thread, as a {@link BatchExecutor}.
 *
 * <p>The thread attaches itself to its device through a {@link DeviceBinding} (on a CPU, to its
 * share of the cores), then builds the replica and runs a warm-up pass, so
 * that the replica's memory and the backend's workspaces belong to the thread that uses them. When a batch
 * fails with any {@link Throwable} (an {@link Error} from native code included), the batch's future
 * fails with it and the replica is thrown away and built again before the next batch: a replica
 * left in an unknown state is never reused. A replica that is {@link AutoCloseable} is closed when it is
 * replaced and when the thread ends, on that thread.
 */
public final class ReplicaWorker implements BatchExecutor {

    private static final Logger log = LoggerFactory.getLogger(ReplicaWorker.class);

    private final String name;
    private final Device device;
    private final DeviceBinding binding;
    private final Supplier<BatchModel> factory;
    private final float[] warmUpInput;
    private final BlockingQueue<Job> jobs = new ArrayBlockingQueue<>(1);
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean stopped;

    private ReplicaWorker(String name, Device device, DeviceBinding binding, Supplier<BatchModel> factory,
                          float[] warmUpInput) {
        this.name = name;
        this.device = device;
        this.binding = binding;
        this.factory = factory;
        this.warmUpInput = warmUpInput;
        this.thread = new Thread(this::run, "replica-" + name);
        this.thread.setDaemon(true);
    }

    /** Starts the worker's thread; {@link #ready()} completes once the replica is built and warm. */
    public static ReplicaWorker start(String name, Device device, DeviceBinding binding, Supplier<BatchModel> factory,
                                      float[] warmUpInput) {
        ReplicaWorker worker = new ReplicaWorker(name, device, binding, factory, warmUpInput);
        worker.thread.start();
        return worker;
    }

    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** Runs one batch on the replica; the batcher gives at most one batch at a time. */
    @Override
    public CompletableFuture<float[][]> execute(float[][] inputs) {
        CompletableFuture<float[][]> result = new CompletableFuture<>();
        if (stopped || !ready.isDone() || ready.isCompletedExceptionally() || !jobs.offer(new Job(inputs, result))) {
            result.completeExceptionally(new RejectedExecutionException(name + " is not accepting batches"));
        }
        return result;
    }

    /** Ends the thread after the batch in hand, waiting at most {@code grace}. */
    public void stop(Duration grace) {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(Math.max(1, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Job left = jobs.poll();
        if (left != null) {
            left.result.completeExceptionally(new WorkerStoppedException(name));
        }
    }

    private void run() {
        BatchModel replica;
        try {
            replica = build();
            ready.complete(null);
        } catch (Throwable t) {
            ready.completeExceptionally(t);
            stopped = true;
            return;
        }
        while (!stopped || !jobs.isEmpty()) {
            Job job;
            try {
                job = jobs.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                continue; // stop() interrupts the wait; the loop condition decides
            }
            if (job != null) {
                replica = runJob(replica, job);
            }
        }
        release(replica);
    }

    /** Native memory a replica holds outside the Java heap (an ONNX Runtime session) goes with its thread. */
    private void release(BatchModel replica) {
        if (replica instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("replica {} could not be released: {}", name, e.toString());
            }
        }
    }

    private BatchModel runJob(BatchModel replica, Job job) {
        try {
            job.result.complete(replica.predict(job.inputs));
            return replica;
        } catch (Throwable t) {
            job.result.completeExceptionally(t);
            log.error("replica {} failed on a batch of {}; replacing it", name, job.inputs.length, t);
            try {
                BatchModel fresh = build();
                release(replica);
                return fresh;
            } catch (Throwable rebuild) {
                log.error("replica {} could not be rebuilt; it takes no more batches", name, rebuild);
                stopped = true;
                return replica;
            }
        }
    }

    private BatchModel build() {
        binding.bindCallingThread(device);
        BatchModel replica = factory.get();
        replica.predict(new float[][] {warmUpInput});
        return replica;
    }

    private record Job(float[][] inputs, CompletableFuture<float[][]> result) {
    }
}
