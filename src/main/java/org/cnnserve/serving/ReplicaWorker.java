package org.cnnserve.serving;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Objects;
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
 * left in an unknown state is never reused. A replica that is {@link AutoCloseable} (an ONNX Runtime
 * session holds native memory outside the heap) is closed on its own thread: when it is replaced after a
 * failed batch, when it cannot be rebuilt, and when its thread ends (on stop, or once an abandoned
 * thread finishes its batch).
 *
 * <p>A replica that cannot be rebuilt leaves service: {@link #retired()} completes with the reason and
 * it takes no more batches. A batch that runs past its {@link Watchdog} limit fails with
 * {@link ReplicaLostException}; its thread cannot be stopped safely in native code, so it is abandoned
 * (left to finish or hang, and then to end) and a replacement thread builds a fresh replica.
 */
public final class ReplicaWorker implements BatchExecutor {

    private static final Logger log = LoggerFactory.getLogger(ReplicaWorker.class);

    private final String name;
    private final Device device;
    private final DeviceBinding binding;
    private final Supplier<BatchModel> factory;
    private final float[] warmUpInput;
    private final Watchdog watchdog;
    private final ReplicaListener listener;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<String> retired = new CompletableFuture<>();
    private final AtomicInteger generations = new AtomicInteger();
    private volatile Generation current;
    private volatile boolean stopped;
    /** Why the replica left service for good; set before {@link #stopped}, null while it may serve. */
    private volatile String lostReason;

    private ReplicaWorker(String name, Device device, DeviceBinding binding, Supplier<BatchModel> factory,
                          float[] warmUpInput, Watchdog watchdog, ReplicaListener listener) {
        this.name = name;
        this.listener = listener;
        this.device = device;
        this.binding = binding;
        this.factory = factory;
        this.warmUpInput = warmUpInput;
        this.watchdog = watchdog;
    }

    /** Starts the worker's thread without a watchdog; {@link #ready()} completes once the replica is warm. */
    public static ReplicaWorker start(String name, Device device, DeviceBinding binding, Supplier<BatchModel> factory,
                                      float[] warmUpInput) {
        return start(name, device, binding, factory, warmUpInput, Watchdog.NONE);
    }

    /** Starts the worker's thread; {@link #ready()} completes once the replica is built and warm. */
    public static ReplicaWorker start(String name, Device device, DeviceBinding binding, Supplier<BatchModel> factory,
                                      float[] warmUpInput, Watchdog watchdog) {
        return start(name, device, binding, factory, warmUpInput, watchdog, ReplicaListener.NONE);
    }

    /** As {@link #start(String, Device, DeviceBinding, Supplier, float[], Watchdog)}, reporting rebuilds to {@code listener}. */
    public static ReplicaWorker start(String name, Device device, DeviceBinding binding, Supplier<BatchModel> factory,
                                      float[] warmUpInput, Watchdog watchdog, ReplicaListener listener) {
        Objects.requireNonNull(listener, "listener must be given; use ReplicaListener.NONE for none");
        ReplicaWorker worker = new ReplicaWorker(name, device, binding, factory, warmUpInput, watchdog, listener);
        worker.current = worker.new Generation();
        worker.current.thread.start();
        return worker;
    }

    /** As {@link #start(String, Device, DeviceBinding, Supplier, float[])}, reporting rebuilds to {@code listener}. */
    public static ReplicaWorker start(String name, Device device, DeviceBinding binding, Supplier<BatchModel> factory,
                                      float[] warmUpInput, ReplicaListener listener) {
        return start(name, device, binding, factory, warmUpInput, Watchdog.NONE, listener);
    }

    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** Completes with the reason once the replica has left service for good; never while it serves. */
    @Override
    public CompletableFuture<String> retired() {
        return retired.copy();
    }

    /** Runs one batch on the replica; the batcher gives at most one batch at a time. */
    @Override
    public CompletableFuture<float[][]> execute(float[][] inputs) {
        CompletableFuture<float[][]> result = new CompletableFuture<>();
        // A batch the batcher hands over before it learns of the retirement fails as lost (503), not as a fault.
        String lost = lostReason;
        if (lost != null) {
            result.completeExceptionally(new ReplicaLostException(lost));
            return result;
        }
        Generation generation = current;
        Job job = new Job(inputs, result);
        if (stopped || retired.isDone() || !ready.isDone() || ready.isCompletedExceptionally()
                || !generation.jobs.offer(job)) {
            result.completeExceptionally(new RejectedExecutionException(name + " is not accepting batches"));
            return result;
        }
        // leave() may have emptied the queue between the check and the offer; the batch must not wait there forever.
        lost = lostReason;
        if (lost != null && generation.jobs.remove(job)) {
            result.completeExceptionally(new ReplicaLostException(lost));
        }
        return result;
    }

    /** Ends the thread after the batch in hand, waiting at most {@code grace}; an abandoned thread is left. */
    public void stop(Duration grace) {
        stopped = true;
        Generation generation = current;
        generation.thread.interrupt();
        try {
            generation.thread.join(Math.max(1, grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Job left = generation.jobs.poll();
        if (left != null) {
            left.result.completeExceptionally(new WorkerStoppedException(name));
        }
    }

    private BatchModel build(Generation generation) {
        binding.bindCallingThread(device);
        BatchModel replica = factory.get();
        long started = watchdog.ticker().nanos();
        try {
            replica.predict(new float[][] {warmUpInput});
        } catch (Throwable t) {
            release(replica); // built but never served
            throw t;
        }
        generation.warmUpNanos = watchdog.ticker().nanos() - started;
        return replica;
    }

    /** Closes a replica that is {@link AutoCloseable}; on the thread that used it. Null is ignored. */
    private void release(BatchModel replica) {
        if (replica instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("replica {} could not be released: {}", name, e.toString());
            }
        }
    }

    /** The replica cannot serve again: the batcher stops sending it batches and the owner learns why. */
    private void leave(Generation generation, Throwable cause) {
        String reason = "replica " + name + " could not be rebuilt: " + rootMessage(cause);
        log.error("{}; it takes no more batches", reason, cause);
        lostReason = reason;
        stopped = true;
        report(false);
        retired.complete(reason);
        Job left = generation.jobs.poll();
        if (left != null) {
            left.result.completeExceptionally(new ReplicaLostException(reason));
        }
    }

    /** On the timer's thread: fails a batch still running past its limit and replaces its replica. */
    private void expire(Generation generation, Job job, long limitNanos) {
        if (!job.claim()) {
            return; // answered in time
        }
        generation.abandoned = true;
        String why = "replica " + name + " ran a batch of " + job.inputs.length + " past its limit of "
                + Duration.ofNanos(limitNanos) + " and was abandoned";
        log.error("{}; its thread {} is left to finish on its own and a replacement is being built", why,
                generation.thread.getName());
        if (!stopped) {
            Generation replacement = new Generation();
            current = replacement; // before the batch fails: the batcher's next batch must reach the replacement
            replacement.thread.start();
        }
        job.result.completeExceptionally(new ReplicaLostException(why));
    }

    // Metrics must never keep the worker from serving.
    private void report(boolean rebuilt) {
        try {
            listener.rebuilt(rebuilt);
        } catch (RuntimeException e) {
            log.warn("the replica listener of {} failed", name, e);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    }

    /** One thread and its replica; a replacement gets a new one, the abandoned one runs out on its own. */
    private final class Generation {
        final BlockingQueue<Job> jobs = new ArrayBlockingQueue<>(1);
        final Thread thread;
        volatile boolean abandoned;
        volatile long warmUpNanos;

        Generation() {
            int n = generations.getAndIncrement();
            thread = new Thread(this::run, "replica-" + name + (n == 0 ? "" : "-" + n));
            thread.setDaemon(true);
        }

        private void run() {
            BatchModel replica;
            try {
                replica = build(this);
            } catch (Throwable t) {
                if (ready.isDone()) {
                    leave(this, t); // a replacement that cannot be built
                } else {
                    stopped = true;
                    ready.completeExceptionally(t);
                }
                return;
            }
            if (ready.isDone()) {
                report(true); // a replacement for a replica the watchdog abandoned
            }
            ready.complete(null);
            while (replica != null && !abandoned && (!stopped || !jobs.isEmpty())) {
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
            if (abandoned) {
                log.warn("the abandoned thread {} of replica {} finished its batch and ends", thread.getName(), name);
            }
            release(replica); // null when runJob released it already
        }

        /**
         * @return the replica for the next batch, or null when this thread serves no more; a replica
         * not returned is released here
         */
        private BatchModel runJob(BatchModel replica, Job job) {
            Timer.Cancellable watch = watch(job);
            float[][] rows;
            try {
                rows = replica.predict(job.inputs);
            } catch (Throwable t) {
                watch.cancel();
                if (!job.claim()) {
                    release(replica);
                    return null; // the watchdog failed the batch and replaced this thread
                }
                job.result.completeExceptionally(t);
                log.error("replica {} failed on a batch of {}; replacing it", name, job.inputs.length, t);
                try {
                    BatchModel rebuilt = build(this);
                    release(replica); // once its replacement is warm
                    report(true);
                    return rebuilt;
                } catch (Throwable rebuild) {
                    release(replica);
                    leave(this, rebuild);
                    return null;
                }
            }
            watch.cancel(); // before the answer, which may bring the next batch at once
            if (job.claim()) {
                job.result.complete(rows);
            }
            return replica;
        }

        private Timer.Cancellable watch(Job job) {
            if (!watchdog.enabled()) {
                return () -> { };
            }
            long limit = watchdog.limitNanos(job.inputs.length, warmUpNanos);
            return watchdog.timer().schedule(() -> expire(this, job, limit), limit);
        }
    }

    private record Job(float[][] inputs, CompletableFuture<float[][]> result, AtomicBoolean answered) {

        Job(float[][] inputs, CompletableFuture<float[][]> result) {
            this(inputs, result, new AtomicBoolean());
        }

        /** True for the one caller (the replica's thread or the watchdog) that may answer the batch. */
        boolean claim() {
            return answered.compareAndSet(false, true);
        }
    }
}
