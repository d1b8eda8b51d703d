package org.cnnserve.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cnnserve.architectures.Analysis;
import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.ArchitectureAnalysis;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.architectures.ReferenceInputs;
import org.cnnserve.engine.NativeThreads;
import org.cnnserve.training.LayerKernels;
import org.cnnserve.training.Optimiser;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench architectures [--names a,b] [--batch-sizes 1,8] [--seconds S]}: the forward-pass
 * throughput of every catalogue architecture at its reference input on random weights (median of
 * {@link GraphThroughput#ROUNDS} rounds, with their min–max, after a warm-up that settles), and the
 * GFLOP/s it achieves (2 x MACs x images/s), beside the matrix-multiply GFLOP/s ND4J reaches in
 * the same run. Prints a Markdown table ({@link ArchitectureTable}). With {@code --mode training},
 * the images/s of training steps (the training graph, as {@code train} builds it) on DL4J's own
 * layer code and with its native-op layer helpers ({@link LayerKernels}), interleaved, and their
 * ratio.
 */
@Command(name = "architectures", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Every architecture's throughput and GFLOP/s.",
                "The forward-pass throughput of each catalogue architecture at its reference input on random "
                + "weights, and the GFLOP/s it achieves, beside ND4J's sgemm in the same run. Prints a Markdown table.",
                "With --mode training: training steps on DL4J's own layers and on their native-op helpers."})
final class ArchitectureBenchmark implements Callable<Integer> {

    /** What is timed; lower-case, as typed on the command line. */
    enum Mode { inference, training }

    @Spec
    private CommandSpec spec;

    @Option(names = "--names", paramLabel = "NAME", split = ",",
            description = "catalogue architectures to measure (default: all)")
    private List<String> namesGiven;

    @Option(names = "--batch-sizes", paramLabel = "N", split = ",", defaultValue = "1,8",
            converter = Positive.Count.class, description = "batch sizes to measure (default: ${DEFAULT-VALUE})")
    private int[] sizes;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "3", converter = Positive.Seconds.class,
            description = "measuring time per architecture and batch size (default: ${DEFAULT-VALUE})")
    private double seconds;

    @Option(names = "--classes", paramLabel = "N", converter = Positive.Count.class,
            description = "classes of the output layer (default: 10 for one-channel inputs, 1000 otherwise)")
    private Integer classes;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "inference",
            description = "what to time: inference or training (default: ${DEFAULT-VALUE})")
    private Mode mode;

    private final PrintStream out;

    ArchitectureBenchmark(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        ArchitectureCatalog catalog = ArchitectureCatalog.standard();
        List<String> names = ArchitectureNames.resolve(spec, catalog, namesGiven);
        boolean training = mode == Mode.training;
        NativeThreads.divideAmong(1); // as the service runs a single CPU replica
        double gemm = gemmGflops(seconds);
        out.printf("ND4J sgemm (2048x2048x2048, fp32): %.1f GFLOP/s%n%n", gemm);
        out.println(training ? ArchitectureTable.trainingHeader() : ArchitectureTable.inferenceHeader());
        boolean allStable = true;
        for (String name : names) {
            Architecture architecture = catalog.require(name);
            InputShape input = ReferenceInputs.of(architecture);
            // Fashion-MNIST-sized networks have its 10 classes, the ImageNet ones 1000, unless asked.
            int k = classes != null ? classes : input.channels() == 1 ? 10 : 1000;
            ComputationGraphConfiguration conf = architecture.configuration(input, k,
                    new NeuralNetConfiguration.Builder().seed(1));
            Analysis analysis = ArchitectureAnalysis.of(conf, input);
            if (training) {
                allStable &= training(out, architecture, input, k, analysis, sizes, seconds);
                continue;
            }
            ComputationGraph graph = new ComputationGraph(conf);
            graph.init();
            for (int batch : sizes) {
                GraphThroughput.Measured measured = GraphThroughput.measure(batch, seconds,
                        GraphThroughput.inference(graph, input, batch));
                allStable &= measured.stable();
                out.println(ArchitectureTable.inferenceRow(name, input.toString(), k, analysis.totals(), batch,
                        measured.imagesPerSecond().get(0), measured.stable(), gemm));
                out.flush();
            }
            graph.close();
        }
        out.printf("%nImages/s: median of %d rounds (min–max)%s, each first warmed until %s%s.%n",
                GraphThroughput.ROUNDS, training ? ", DL4J's layers and the helpers interleaved" : "",
                Stability.DEFAULT.rule(), Stability.DEFAULT.unsettled(allStable));
        return 0;
    }

    /**
     * Training steps on DL4J's own layer code and on its native-op helpers, interleaved.
     *
     * @return whether every row's warm-up settled
     */
    private static boolean training(PrintStream out, Architecture architecture, InputShape input, int classes,
                                    Analysis analysis, int[] sizes, double seconds) {
        // The optimiser of the shipped models' runs; a schedule that never cuts the rate within the bench.
        ComputationGraphConfiguration conf = architecture.trainingConfiguration(input, classes,
                new Optimiser(0.05, 0.9, 5e-4, 1).base(Integer.MAX_VALUE));
        ComputationGraph plain = new ComputationGraph(conf);
        plain.init();
        ComputationGraph helped = LayerKernels.build(conf.clone());
        boolean allStable = true;
        for (int batch : sizes) {
            // Interleaved rounds, so that a drift of the machine cannot favour the one timed last.
            GraphThroughput.Measured measured = GraphThroughput.measure(batch, seconds,
                    GraphThroughput.training(plain, input, classes, batch),
                    GraphThroughput.training(helped, input, classes, batch));
            allStable &= measured.stable();
            out.println(ArchitectureTable.trainingRow(architecture.name(), input.toString(), classes,
                    analysis.totals(), batch, measured.imagesPerSecond().get(0), measured.imagesPerSecond().get(1),
                    measured.stable()));
            out.flush();
        }
        plain.close();
        helped.close();
        return allStable;
    }

    static double gemmGflops(double seconds) {
        int n = 2048;
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        List<Long> times = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end || times.size() < 3) {
            long t = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            times.add(System.nanoTime() - t);
        }
        long best = times.stream().mapToLong(Long::longValue).sorted().toArray()[times.size() / 2];
        return 2.0 * n * n * n / best;
    }
}
