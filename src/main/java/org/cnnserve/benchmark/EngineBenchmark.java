package org.cnnserve.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.engine.NativeThreads;
import org.cnnserve.engine.Nd4jDeviceBinding;
import org.cnnserve.export.OnnxExport;
import org.cnnserve.registry.ModelDefinition;
import org.cnnserve.registry.ModelRepository;
import org.cnnserve.registry.Replicas;
import org.cnnserve.serving.Device;
import org.cnnserve.serving.ReplicaWorker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench engine --model NAME [--repository DIR] [--batch-sizes 1,8,32] [--seconds S] [--on-demand]}:
 * loads the model's latest version on a replica worker, as the service does, warms each batch size until
 * its time per pass is stable ({@link Stability#DEFAULT}) and runs its forward pass back to back, with no
 * HTTP and no batcher. Prints one line per batch size: {@code batch img/s ms-per-batch min-img/s
 * max-img/s}, the median and spread of {@link GraphThroughput#ROUNDS} rounds. With {@code --on-demand}
 * it measures one round of every batch size per line read from standard input instead, so that a
 * caller (bench/batching.py) can alternate these rounds with the service's in the same minutes. With
 * {@code --raw-session} it times a bare ONNX Runtime session on the model's ONNX graph ({@link RawSession})
 * instead of the replica: what the onnx engine is measured against.
 */
@Command(name = "engine", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A model's forward passes on a replica worker, as the service runs them.",
                "Loads the model's latest version on a replica worker, as the service does, warms each batch size "
                + "until its time per pass is stable and runs its forward pass back to back, with no HTTP and no "
                + "batcher.",
                "Prints one line per batch size: batch, images/s, ms per batch (medians of rounds), and the "
                + "smallest and largest images/s of a round."})
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
            description = "measuring time per batch size, after its warm-up; with --on-demand, per round "
                    + "(default: ${DEFAULT-VALUE})")
    private double seconds;

    @Option(names = "--on-demand",
            description = "after the warm-up, measure one round of every batch size for each line read from "
                    + "standard input, ending each with a line 'end', until the input closes")
    private boolean onDemand;

    @Option(names = "--raw-session",
            description = "for a model on the onnx engine: time a bare ONNX Runtime session on the model's ONNX "
                    + "graph (its model.onnx, or its network as exported at load), with the replica's thread count, "
                    + "instead of the replica: the onnx engine's yardstick")
    private boolean rawSession;

    private final PrintStream out;
    private final InputStream in;

    EngineBenchmark(PrintStream out) {
        this(out, System.in);
    }

    EngineBenchmark(PrintStream out, InputStream in) {
        this.out = out;
        this.in = in;
    }

    @Override
    public Integer call() {
        // The thread count the service gives a single CPU replica, so that the two compare.
        NativeThreads.divideAmong(1);
        ModelDefinition definition = new ModelRepository(repository).read(model);
        int size = Math.toIntExact(definition.config().input().elements());
        Runnable[] passes = new Runnable[sizes.length];
        List<AutoCloseable> open = new ArrayList<>();
        if (rawSession) {
            byte[] onnx = Replicas.onnxModel(definition, ArchitectureCatalog.standard(), OnnxExport::export).bytes();
            for (int i = 0; i < sizes.length; i++) {
                RawSession session = RawSession.open(onnx, definition.config().input(), sizes[i],
                        NativeThreads.perReplica());
                open.add(session);
                passes[i] = session::run;
            }
        } else {
            // The replica lives on its own worker thread, built there, exactly as the service runs it.
            ReplicaWorker worker = ReplicaWorker.start(model + "-bench", Device.CPU, new Nd4jDeviceBinding(),
                    () -> Replicas.load(definition, ArchitectureCatalog.standard(), OnnxExport::export),
                    new float[size]);
            worker.ready().join();
            open.add(() -> worker.stop(Duration.ofSeconds(10)));
            Random random = new Random(1);
            for (int i = 0; i < sizes.length; i++) {
                float[][] inputs = new float[sizes[i]][size];
                for (float[] input : inputs) {
                    for (int j = 0; j < size; j++) {
                        input[j] = (float) random.nextGaussian();
                    }
                }
                passes[i] = () -> worker.execute(inputs).join();
            }
        }
        // Warm-up at each shape: ND4J sizes its workspaces, and the JIT compiles DL4J's Java side, which
        // takes a while (a LeNet-5 pass here goes from 16 ms to 3 ms over its first ten seconds).
        for (int i = 0; i < sizes.length; i++) {
            WarmUp.Result warm = WarmUp.untilStable(passes[i], Stability.DEFAULT, System::nanoTime);
            if (!warm.stable()) {
                out.printf("# batch %d: time per pass not yet stable after %.0f s of warm-up%n", sizes[i],
                        warm.seconds());
            }
        }
        out.println("batch img/s ms_per_batch min_img/s max_img/s");
        if (onDemand) {
            roundsOnDemand(passes);
        } else {
            Duration round = Duration.ofNanos((long) (seconds / GraphThroughput.ROUNDS * 1e9));
            for (int i = 0; i < sizes.length; i++) {
                Spread passesPerSecond = Interleaved.rounds(List.of(passes[i]), GraphThroughput.ROUNDS, round,
                        System::nanoTime).get(0);
                print(sizes[i], passesPerSecond);
            }
        }
        out.flush();
        for (AutoCloseable each : open) {
            try {
                each.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close what the benchmark ran on: " + e.getMessage(), e);
            }
        }
        return 0;
    }

    private void roundsOnDemand(Runnable[] passes) {
        long nanos = (long) (seconds * 1e9);
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            while (lines.readLine() != null) {
                for (int i = 0; i < sizes.length; i++) {
                    double rate = Interleaved.round(passes[i], nanos, System::nanoTime);
                    print(sizes[i], new Spread(rate, rate, rate));
                }
                out.println("end");
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void print(int batch, Spread passesPerSecond) {
        Spread images = passesPerSecond.times(batch);
        out.printf("%d %.1f %.2f %.1f %.1f%n", batch, images.median(), 1000 / passesPerSecond.median(), images.min(),
                images.max());
        out.flush();
    }
}
