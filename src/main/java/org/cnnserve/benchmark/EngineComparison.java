package org.cnnserve.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.cnnserve.architectures.Analysis;
import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.ArchitectureAnalysis;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.architectures.ReferenceInputs;
import org.cnnserve.engine.NativeCompiler;
import org.cnnserve.engine.NativeGraph;
import org.cnnserve.engine.NativeLibraries;
import org.cnnserve.engine.NativeThreads;
import org.cnnserve.engine.OpenBlasCore;
import org.cnnserve.engine.onnx.OnnxModelFile;
import org.cnnserve.export.OnnxExport;
import org.cnnserve.serving.Device;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench engines [--names a,b] [--batch-sizes 1,8,32] [--engines dl4j,native,onnx,raw] [--seconds S]
 * [--profile B]}: per architecture and batch size, the images/s of each chosen engine on the same random
 * weights, in one run: DL4J's layers, the native engine, the onnx engine (the graph exported by
 * {@link OnnxExport}, through the replica class the service runs) and a bare ONNX Runtime session on the
 * same exported bytes ({@link RawSession}), the ratios between them, and each one's share of a reference
 * measured in the same run: the CPU's FMA peak ({@link FmaPeak}, when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}), else ND4J's sgemm. With {@code --profile B}, each
 * architecture's native forward pass at batch B is then timed step by step ({@link LayerProfile}).
 * Prints Markdown tables.
 */
@Command(name = "engines", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The engines against each other, per architecture.",
                "Per architecture and batch size, the images/s of DL4J's layers, the native engine, the onnx "
                + "engine and a bare ONNX Runtime session (raw ORT) on the same random weights, their ratios, and "
                + "each one's share of the CPU's FMA peak (or ND4J's sgemm), measured in the same run. Prints "
                + "Markdown tables.",
                "The FMA peak needs the JVM started as java --add-modules jdk.incubator.vector -jar cnnserve.jar."})
final class EngineComparison implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--names", paramLabel = "NAME", split = ",",
            description = "catalogue architectures to measure (default: all)")
    private List<String> namesGiven;

    @Option(names = "--batch-sizes", paramLabel = "N", split = ",", defaultValue = "1,8,32",
            converter = Positive.Count.class, description = "batch sizes to measure (default: ${DEFAULT-VALUE})")
    private int[] sizes;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "3", converter = Positive.Seconds.class,
            description = "measuring time per architecture, batch size and engine, after each engine's warm-up "
                    + "(default: ${DEFAULT-VALUE})")
    private double seconds;

    @Option(names = "--engines", paramLabel = "ENGINE", split = ",", defaultValue = "dl4j,native,onnx,raw",
            converter = EngineColumn.Converter.class,
            description = "engines to time, in this column order: dl4j (DL4J's layers), native, onnx (the exported "
                    + "graph through the onnx engine's replica), raw (a bare ONNX Runtime session on the same "
                    + "file, the onnx engine's yardstick) (default: ${DEFAULT-VALUE})")
    private List<EngineColumn> engines;

    @Option(names = "--profile", paramLabel = "BATCH", converter = Positive.Count.class,
            description = "after the table, time each architecture's native forward pass at this batch size "
                    + "step by step (default: no profile)")
    private Integer profileBatch;

    private final PrintStream out;

    EngineComparison(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        ArchitectureCatalog catalog = ArchitectureCatalog.standard();
        List<String> names = ArchitectureNames.resolve(spec, catalog, namesGiven);
        int profile = profileBatch == null ? 0 : profileBatch;
        int threads = NativeThreads.divideAmong(1); // as the service runs a single CPU replica
        OptionalDouble peak = FmaPeak.gflops(threads, Math.min(seconds, 4));
        double gemm = ArchitectureBenchmark.gemmGflops(seconds);
        out.printf("libnd4j build: %s; OpenBLAS kernels: %s, from %s; %d native thread(s)%n",
                NativeLibraries.describe(NativeLibraries.select()), OpenBlasCore.running().orElse("(unknown)"),
                OpenBlasCore.selected(), threads);
        out.printf("fp32 FMA peak on %d thread(s): %s; ND4J sgemm (2048x2048x2048): %.1f GFLOP/s%n%n", threads,
                peak.isPresent() ? String.format("%.1f GFLOP/s (%d-float vectors)", peak.getAsDouble(),
                        FmaLoop.lanes())
                        : FmaPeak.whyNotMeasured(), gemm);
        double reference = peak.orElse(gemm);
        EngineTable table = new EngineTable(engines, peak.isPresent() ? "peak" : "sgemm", reference);
        out.println(table.header());
        Map<String, LayerProfile.Profile> profiles = new LinkedHashMap<>();
        boolean allStable = true;
        for (String name : names) {
            Architecture architecture = catalog.require(name);
            InputShape input = ReferenceInputs.of(architecture);
            int classes = input.channels() == 1 ? 10 : 1000;
            ComputationGraphConfiguration conf = architecture.configuration(input, classes,
                    new NeuralNetConfiguration.Builder().seed(1));
            Analysis analysis = ArchitectureAnalysis.of(conf, input);
            ComputationGraph graph = new ComputationGraph(conf);
            graph.init();
            NativeGraph compiled = engines.contains(EngineColumn.NATIVE) || profile > 0
                    ? NativeCompiler.compile(graph, input) : null;
            // The same random weights, exported as the service exports a catalogue network for engine: onnx.
            byte[] onnx = engines.contains(EngineColumn.ONNX) || engines.contains(EngineColumn.RAW)
                    ? OnnxExport.export(graph, input, classes) : null;
            double macs = analysis.totals().macs();
            if (profile > 0) {
                profiles.put(name, LayerProfile.measure(compiled, analysis, input, profile, seconds));
            }
            for (int batch : sizes) {
                // All warmed until stable, then timed in alternating rounds (DL4J, native, onnx, raw, DL4J, ...),
                // so that none gains from going last on a machine that drifts.
                try (Passes passes = new Passes()) {
                    for (EngineColumn engine : engines) {
                        passes.add(switch (engine) {
                            case DL4J -> GraphThroughput.inference(graph, input, batch);
                            case NATIVE -> GraphThroughput.nativeInference(compiled, input, batch);
                            case ONNX -> GraphThroughput.onnxInference(passes.closing(
                                    OnnxModelFile.of(onnx).replica(input, classes, Device.CPU, threads)), input, batch);
                            case RAW -> passes.closing(RawSession.open(onnx, input, batch, threads))::run;
                        });
                    }
                    GraphThroughput.Measured measured = GraphThroughput.measure(batch, seconds, passes.runs);
                    allStable &= measured.stable();
                    out.println(table.row(name, input.toString(), macs, batch, measured.imagesPerSecond(),
                            measured.stable()));
                    out.flush();
                }
            }
            graph.close();
        }
        out.printf("%nImages/s: median of %d interleaved rounds (min–max), each engine first warmed until %s%s.%n",
                GraphThroughput.ROUNDS, Stability.DEFAULT.rule(), Stability.DEFAULT.unsettled(allStable));
        // After the table, which a profile in between would cut in two.
        profiles.forEach((name, measured) -> LayerProfile.print(out, name, profile, measured, 10));
        return 0;
    }

    /** One batch size's passes, and the sessions they run on, closed once the row is measured. */
    private static final class Passes implements AutoCloseable {

        private final List<Runnable> runs = new ArrayList<>();
        private final List<AutoCloseable> sessions = new ArrayList<>();

        void add(Runnable pass) {
            runs.add(pass);
        }

        <T extends AutoCloseable> T closing(T session) {
            sessions.add(session);
            return session;
        }

        @Override
        public void close() {
            for (AutoCloseable session : sessions) {
                try {
                    session.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot close a benchmark session: " + e.getMessage(), e);
                }
            }
        }
    }
}
