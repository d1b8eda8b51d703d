package org.cnnserve.benchmark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.engine.NativeThreads;
import org.cnnserve.engine.Nd4jDeviceBinding;
import org.cnnserve.registry.ModelDefinition;
import org.cnnserve.registry.ModelRepository;
import org.cnnserve.registry.Replicas;
import org.cnnserve.serving.Device;
import org.cnnserve.serving.ReplicaWorker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench engine --model NAME [--repository DIR] [--batch-sizes 1,8,32] [--seconds S]}: loads
 * the model's latest version on a replica worker, as the service does, and runs its forward pass
 * back to back at each batch size, with no HTTP and no batcher. Prints one line per batch size:
 * {@code batch img/s ms-per-batch}.
 */
@Command(name = "engine", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A model's forward passes on a replica worker, as the service runs them.",
                "Loads the model's latest version on a replica worker, as the service does, and runs its "
                + "forward pass back to back at each batch size, with no HTTP and no batcher.",
                "Prints one line per batch size: batch, images/s, ms per batch."})
final class EngineBenchmark implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "the model folder in the repository")
    private String model;

    @Option(names = "--repository", paramLabel = "DIR", defaultValue = "models",
            description = "the model repository (default: ${DEFAULT-VALUE})")
    private Path repository;

    @Option(names = "--batch-sizes", paramLabel = "N", split = ",", defaultValue = "1,8,32",
            converter = Positive.Count.class, description = "batch sizes to measure (default: ${DEFAULT-VALUE})")
    private int[] sizes;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "5", converter = Positive.Seconds.class,
            description = "measuring time per batch size, after a warm-up (default: ${DEFAULT-VALUE})")
    private double seconds;

    private final PrintStream out;

    EngineBenchmark(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
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
