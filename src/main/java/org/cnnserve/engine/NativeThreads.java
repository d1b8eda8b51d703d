package org.cnnserve.engine;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's native thread count, a process-wide setting: with R CPU replicas on C cores each gets
 * max(1, C / R) threads, so replicas that compute at the same time do not oversubscribe the cores.
 */
public final class NativeThreads {

    private NativeThreads() {
    }

    /**
     * Sets ND4J's native thread count, OpenBLAS's, and OpenMP's for the calling thread to
     * {@code threads}; returns it.
     */
    public static int use(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("native threads must be at least 1, was " + threads);
        }
        Nd4j.getEnvironment().setMaxThreads(threads); // kept, though 1.0.0-M2.1 ignores it
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        // OpenBLAS keeps its own pool, sized to the cores at start-up; its idle threads spin before they
        // sleep, so two processes with a pool each on the same cores slow each other down.
        Nd4j.factory().blas().setMaxThreads(threads);
        // OpenMP, which the oneDNN ops run on, keeps its count per thread. ND4J sets the loading thread's
        // to the core count unless OMP_NUM_THREADS was in the JVM's environment; this sets the calling
        // thread's (replica workers call applyToCallingThread on theirs). Three `train --threads 1` runs
        // side by side on two cores trained at 25-44 images/s without it, each with a second OpenMP
        // thread, and at 100-167 with it.
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        return threads;
    }

    /**
     * Sets OpenMP's count for the calling thread to the count {@link #use} or {@link #divideAmong} last
     * gave ND4J; returns it. A thread that computes with oneDNN ops calls this first: OpenMP's count
     * is per thread, so a thread that never sets it uses every core, whatever share ND4J was given.
     */
    public static int applyToCallingThread() {
        // The master-thread count: in 1.0.0-M2.1 setMaxThreads leaves maxThreads() at the core count.
        int threads = Nd4j.getEnvironment().maxMasterThreads();
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        return threads;
    }

    /**
     * The threads each CPU replica gets, as {@link #use} or {@link #divideAmong} last set them: the
     * intra-op thread count of an onnx replica's session, so that all three engines share the cores alike.
     */
    public static int perReplica() {
        return Nd4j.getEnvironment().maxMasterThreads();
    }

    /** Applies the rule for {@code cpuReplicas} replicas and returns the threads each gets. */
    public static int divideAmong(int cpuReplicas) {
        if (cpuReplicas < 1) {
            throw new IllegalArgumentException("CPU replicas must be at least 1, was " + cpuReplicas);
        }
        return use(Math.max(1, Runtime.getRuntime().availableProcessors() / cpuReplicas));
    }
}
