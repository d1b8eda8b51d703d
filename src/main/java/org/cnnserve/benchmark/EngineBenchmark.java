package org.cnnserve.benchmark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.registry.ModelDefinition;
import org.cnnserve.registry.ModelRepository;
import org.cnnserve.registry.Replicas;
import org.cnnserve.serving.BatchModel;
import org.cnnserve.serving.NativeThreads;

/**
 * {@code bench-engine --model NAME [--repository DIR] [--batch-sizes 1,8,32] [--seconds S]}: loads
 * the model's latest version as the service does and runs its forward pass on one thread, back to
 * back, at each batch size. Prints one line per batch size: {@code batch img/s ms-per-batch}.
 */
public final class EngineBenchmark {

    private EngineBenchmark() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String model = null;
        Path repository = Path.of("models");
        int[] sizes = {1, 8, 32};
        double seconds = 5;
        try {
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--model" -> model = args[i + 1];
                    case "--repository" -> repository = Path.of(args[i + 1]);
                    case "--batch-sizes" -> sizes = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt)
                            .toArray();
                    case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            if (model == null) {
                throw new IllegalArgumentException("--model is required");
            }
        } catch (IllegalArgumentException e) {
            err.println("bench-engine: " + e.getMessage());
            err.println("usage: bench-engine --model NAME [--repository DIR] [--batch-sizes 1,8,32] [--seconds S]");
            return 2;
        }
        // The thread count the service gives a single CPU replica, so that the two compare.
        NativeThreads.divideAmong(1);
        ModelDefinition definition = new ModelRepository(repository).read(model);
        BatchModel replica = Replicas.load(definition, ArchitectureCatalog.standard());
        int size = Math.toIntExact(definition.config().input().elements());
        Random random = new Random(1);
        out.println("batch img/s ms_per_batch");
        for (int batch : sizes) {
            float[][] inputs = new float[batch][size];
            for (float[] input : inputs) {
                for (int j = 0; j < size; j++) {
                    input[j] = (float) random.nextGaussian();
                }
            }
            // Warm-up at this shape: the JIT compiles DL4J's Java side and ND4J sizes its workspaces.
            long warm = System.nanoTime() + (long) (Math.min(2, seconds) * 1e9);
            do {
                replica.predict(inputs);
            } while (System.nanoTime() < warm);
            List<Long> times = new ArrayList<>();
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            while (System.nanoTime() < end || times.size() < 3) {
                long t = System.nanoTime();
                replica.predict(inputs);
                times.add(System.nanoTime() - t);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            out.printf("%d %.1f %.2f%n", batch, times.size() * batch / elapsed, elapsed * 1000 / times.size());
        }
        return 0;
    }
}
