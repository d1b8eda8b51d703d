package org.cnnserve.architectures;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.deeplearning4j.exception.DL4JException;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * The analyses already asked for, by architecture, input and class count, at most
 * {@value #DEFAULT_MAXIMUM_SIZE} of them by default. An analysis builds a configuration and walks it
 * (milliseconds to a second for the largest networks), so a repeated request should not redo it; the
 * bound keeps a client that walks through input sizes from growing the cache.
 */
public final class AnalysisCache {

    public static final int DEFAULT_MAXIMUM_SIZE = 64;

    private record Key(String architecture, InputShape input, int classes) {
    }

    private final Cache<Key, Analysis> analyses;

    public AnalysisCache() {
        this(DEFAULT_MAXIMUM_SIZE, ForkJoinPool.commonPool());
    }

    /** @param executor runs Caffeine's evictions; tests pass {@code Runnable::run} to see them at once */
    AnalysisCache(long maximumSize, Executor executor) {
        if (maximumSize < 1) {
            throw new IllegalArgumentException("the analysis cache must hold at least 1 analysis, was " + maximumSize);
        }
        this.analyses = Caffeine.newBuilder().maximumSize(maximumSize).executor(executor).build();
    }

    /**
     * The inference analysis of {@code architecture}: the vertices that feed its {@code output}.
     *
     * @throws ImpossibleInputShapeException when the architecture cannot be configured for this input
     */
    public Analysis get(Architecture architecture, InputShape input, int classes) {
        return analyses.get(new Key(architecture.name(), input, classes), key -> analyse(architecture, input, classes));
    }

    long size() {
        analyses.cleanUp();
        return analyses.estimatedSize();
    }

    private static Analysis analyse(Architecture architecture, InputShape input, int classes) {
        ComputationGraphConfiguration conf;
        try {
            conf = architecture.configuration(input, classes, new NeuralNetConfiguration.Builder());
        } catch (IllegalArgumentException | DL4JException e) {
            // The architecture's own rule ("needs at least 32x32") or DL4J's shape check.
            throw new ImpossibleInputShapeException(architecture.name() + " cannot take a " + input + " input: "
                    + e.getMessage(), e);
        }
        Analysis all = ArchitectureAnalysis.of(conf, input);
        return all.outputs().size() > 1 && all.outputs().contains("output") ? all.restrictedTo("output") : all;
    }
}
