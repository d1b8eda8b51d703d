package org.cnnserve.classify;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cnnserve.architectures.Analysis;
import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.ArchitectureAnalysis;
import org.cnnserve.architectures.InputShape;
import org.deeplearning4j.exception.DL4JException;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * The analyses already asked for, by architecture, input and class count: the most recently used
 * {@value #CAPACITY} are kept. An analysis builds a configuration and walks it (milliseconds to a
 * second for the largest networks), so a repeated request should not redo it; the bound keeps a
 * client that walks through input sizes from growing the map.
 */
final class AnalysisCache {

    static final int CAPACITY = 64;

    private record Key(String architecture, InputShape input, int classes) {
    }

    private final Map<Key, Analysis> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Analysis> eldest) {
            return size() > CAPACITY;
        }
    };

    /**
     * The inference analysis of {@code architecture}: the vertices that feed its {@code output}.
     *
     * @throws ArchitectureRequestException {@code impossible-input-shape} when the architecture
     *                                      cannot be configured for this input
     */
    Analysis get(Architecture architecture, InputShape input, int classes) {
        Key key = new Key(architecture.name(), input, classes);
        synchronized (recent) {
            Analysis cached = recent.get(key);
            if (cached != null) {
                return cached;
            }
        }
        // Computed outside the lock: two requests for the same new key may both compute it, which is harmless.
        Analysis analysis = analyse(architecture, input, classes);
        synchronized (recent) {
            recent.put(key, analysis);
        }
        return analysis;
    }

    int size() {
        synchronized (recent) {
            return recent.size();
        }
    }

    private static Analysis analyse(Architecture architecture, InputShape input, int classes) {
        ComputationGraphConfiguration conf;
        try {
            conf = architecture.configuration(input, classes, new NeuralNetConfiguration.Builder());
        } catch (IllegalArgumentException | DL4JException e) {
            // The architecture's own rule ("needs at least 32x32") or DL4J's shape check.
            throw new ArchitectureRequestException(ProblemType.IMPOSSIBLE_INPUT_SHAPE,
                    architecture.name() + " cannot take a " + input + " input: " + e.getMessage());
        }
        Analysis all = ArchitectureAnalysis.of(conf, input);
        return all.outputs().size() > 1 && all.outputs().contains("output") ? all.restrictedTo("output") : all;
    }
}
