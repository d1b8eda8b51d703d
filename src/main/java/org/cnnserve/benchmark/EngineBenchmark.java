package org.cnnserve.benchmark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.registry.ModelDefinition;
import org.cnnserve.registry.ModelRepository;
import org.cnnserve.registry.Replicas;
import org.cnnserve.serving.Device;
import org.cnnserve.serving.ReplicaWorker;
import org.cnnserve.engine.Nd4jDeviceBinding;
import org.cnnserve.engine.NativeThreads;

/**
 * {@code bench-engine --model NAME [--repository DIR] [--batch-sizes 1,8,32] [--seconds S]}: loads
 * the model's latest version on a replica worker, as the service does, and runs its forward pass
 * back to back at each batch size, with no HTTP and no batcher. Prints one line per batch size:
 * {@code batch img/s ms-per-batch}.
 */
public final class EngineBenchmark {

    private EngineBenchmark() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String model;
        Path repository;
        int[] sizes;
        double seconds;
        try {
            BenchOptions options = BenchOptions.parse(args, Set.of("--model", "--repository", "--batch-sizes",
                    "--seconds"));
            model = options.text("--model").orElseThrow(() -> new IllegalArgumentException("--model is required"));
            repository = Path.of(options.text("--repository").orElse("models"));
            sizes = options.positiveIntegers("--batch-sizes", 1, 8, 32);
            seconds = options.positive("--seconds", 5);
        } catch (IllegalArgumentException e) {
            err.println("bench-engine: " + e.getMessage());
            err.println("usage: bench-engine --model NAME [--repository DIR] [--batch-sizes 1,8,32] [--seconds S]");
            return 2;
        }
        // The thread count the service gives a single CPU replica, so that the two compare.
        NativeThreads.divideAmong(1);
        ModelDefinition definition = new ModelRepository(repository).read(model);
        int size = Math.toIntExact(definition.config().input().elements());
        // The replica lives on its own worker thread, built there, exactly as the service runs it.
        ReplicaWorker worker = ReplicaWorker.start(model + "-bench", Device.CPU, new Nd4jDeviceBinding(),
                () -> Replicas.load(definition, ArchitectureCatalog.standard()), new float[size]);
        worker.ready().join();
        Random random = new Random(1);
        out.println("batch img/s ms_per_batch");
        for (int batch : sizes) {
            float[][] inputs = new float[batch][size];
            for (float[] input : inputs) {
                for (int j = 0; j < size; j++) {
                    input[j] = (float) random.nextGaussian();
                }
            }
            // Warm-up at this shape: ND4J sizes its workspaces, and the JIT compiles DL4J's Java side,
            // which takes a while: a LeNet-5 pass here goes from 16 ms to 3 ms over its first ten
            // seconds. The first batch size warms up longest.
            double warmUpSeconds = batch == sizes[0] ? 12 : 3;
            long warm = System.nanoTime() + (long) (warmUpSeconds * 1e9);
            do {
                worker.execute(inputs).join();
            } while (System.nanoTime() < warm);
            int passes = 0;
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            while (System.nanoTime() < end || passes < 3) {
                worker.execute(inputs).join();
                passes++;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            out.printf("%d %.1f %.2f%n", batch, passes * batch / elapsed, elapsed * 1000 / passes);
        }
        worker.stop(java.time.Duration.ofSeconds(10));
        return 0;
    }
}
