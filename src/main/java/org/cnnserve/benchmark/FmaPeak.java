package org.cnnserve.benchmark;

import java.util.OptionalDouble;

/**
 * The CPU's fp32 arithmetic peak as this JVM can reach it: every thread running a loop of vector
 * fused multiply-adds on registers only, at the widest vector the JIT offers (8 floats with AVX2,
 * 16 with AVX-512 where the JVM uses it). The engines' GFLOP/s are put against it.
 *
 * <p>The loop is written with the Vector API, an incubator module in JDK 17, so the JVM must be
 * started with {@code --add-modules jdk.incubator.vector}; without it there is no measurement.
 */
final class FmaPeak {

    private static final String MODULE = "jdk.incubator.vector";

    private FmaPeak() {
    }

    /**
     * GFLOP/s of {@code threads} threads at once, measured for about {@code seconds}; empty without the
     * module, or when the JIT did not compile the loop within half a minute.
     */
    static OptionalDouble gflops(int threads, double seconds) {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return OptionalDouble.empty();
        }
        // The better of two rounds: the JIT compiling other code in the background can hold a
        // round's threads below the peak (rounds on this machine ranged from 140 to 167 GFLOP/s).
        double peak = Math.max(FmaLoop.gflops(threads, seconds / 2), FmaLoop.gflops(threads, seconds / 2));
        return Double.isNaN(peak) ? OptionalDouble.empty() : OptionalDouble.of(peak);
    }

    /** Why {@link #gflops} gave no figure, for the bench's header. */
    static String whyNotMeasured() {
        return ModuleLayer.boot().findModule(MODULE).isEmpty()
                ? "not measured (start java with --add-modules " + MODULE + ")"
                : "not measured (the JIT did not compile the FMA loop within 30 s)";
    }
}
