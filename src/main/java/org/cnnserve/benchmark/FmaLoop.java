package org.cnnserve.benchmark;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FmaPeak}'s loop; a class of its own because it links against {@code jdk.incubator.vector}
 * and so may load only when that module is present.
 */
final class FmaLoop {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Independent accumulators: enough to cover the FMA latency of two pipes (4 cycles x 2). */
    private static final int CHAINS = 12;
    private static final long CHUNK = 200_000;
    /** Bytes a compiled chunk may allocate (nothing but the odd timer or profiling object). */
    private static final long COMPILED_ALLOCATION = 4096;
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(30);
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private FmaLoop() {
    }

    /**
     * GFLOP/s of {@code threads} threads at once over about {@code seconds}, once the JIT has
     * compiled the loop; NaN when it has not within {@code WARM_UP_LIMIT}.
     */
    static double gflops(int threads, double seconds) {
        if (!warmUp()) {
            return Double.NaN;
        }
        CyclicBarrier start = new CyclicBarrier(threads);
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<CompletableFuture<Double>> runs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                // The best compiled chunk, not the mean: a peak, undisturbed by the moments another
                // thread (the JIT compiling other code, say) took this one's core.
                double best = 0;
                float sink = 0;
                do {
                    long allocated = allocated();
                    long begun = System.nanoTime();
                    sink += chunk(CHUNK);
                    long took = System.nanoTime() - begun;
                    if (allocated() - allocated < COMPILED_ALLOCATION) {
                        best = Math.max(best, 2.0 * CHAINS * SPECIES.length() * CHUNK / (took / 1e9));
                    }
                } while (System.nanoTime() < deadline);
                return best + (sink == 42 ? 1e-9 : 0);
            }, runnable -> new Thread(runnable, "fma-peak").start()));
        }
        return runs.stream().mapToDouble(CompletableFuture::join).sum() / 1e9;
    }

    /**
     * Short calls until the JIT's final code runs them: until then every vector is an object on the
     * heap, so a call that allocates (next to) nothing is a compiled one. A busy JVM (a test run,
     * say) can take many seconds to get to it; a time-boxed warm-up measured the interpreter there.
     */
    private static boolean warmUp() {
        long limit = System.nanoTime() + WARM_UP_LIMIT.toNanos();
        int compiled = 0;
        while (compiled < 20 && System.nanoTime() < limit) {
            long allocated = allocated();
            chunk(CHUNK / 10);
            compiled = allocated() - allocated < COMPILED_ALLOCATION ? compiled + 1 : 0;
        }
        return compiled >= 20;
    }

    private static long allocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    private static float chunk(long iterations) {
        FloatVector m = FloatVector.broadcast(SPECIES, 0.9999999f);
        FloatVector c = FloatVector.broadcast(SPECIES, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(SPECIES, 1f);
        FloatVector a1 = a0.add(1);
        FloatVector a2 = a0.add(2);
        FloatVector a3 = a0.add(3);
        FloatVector a4 = a0.add(4);
        FloatVector a5 = a0.add(5);
        FloatVector a6 = a0.add(6);
        FloatVector a7 = a0.add(7);
        FloatVector a8 = a0.add(8);
        FloatVector a9 = a0.add(9);
        FloatVector a10 = a0.add(10);
        FloatVector a11 = a0.add(11);
        for (long i = 0; i < iterations; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException("FMA peak threads could not start together", e);
        }
    }

    /** Floats per vector in the loop: 8 with AVX2, 16 where the JVM uses AVX-512. */
    static int lanes() {
        return SPECIES.length();
    }
}
