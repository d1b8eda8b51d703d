package org.cnnserve.benchmark;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.cnnserve.architectures.Analysis;
import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.ArchitectureAnalysis;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.architectures.ReferenceInputs;
import org.cnnserve.engine.NativeCompiler;
import org.cnnserve.engine.NativeGraph;
import org.cnnserve.engine.NativeLibraries;
import org.cnnserve.serving.NativeThreads;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * {@code bench-engines [--names a,b] [--batch-sizes 1,8,32] [--seconds S]}: per architecture and
 * batch size, the images/s of DL4J's layers and of the native engine on the same random weights,
 * in one run, their ratio, and the GFLOP/s each achieves (2 x MACs x images/s) beside ND4J's sgemm
 * in the same run. Prints a Markdown table.
 */
public final class EngineComparison {

    private EngineComparison() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        ArchitectureCatalog catalog = ArchitectureCatalog.standard();
        List<String> names = catalog.all().stream().map(Architecture::name).toList();
        int[] sizes = {1, 8, 32};
        double seconds = 3;
        try {
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--names" -> names = List.of(args[i + 1].split(","));
                    case "--batch-sizes" -> sizes = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt)
                            .toArray();
                    case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            names.forEach(catalog::require);
        } catch (IllegalArgumentException e) {
            err.println("bench-engines: " + e.getMessage());
            err.println("usage: bench-engines [--names a,b] [--batch-sizes 1,8,32] [--seconds S]");
            return 2;
        }
        int threads = NativeThreads.divideAmong(1); // as the service runs a single CPU replica
        double gemm = ArchitectureBenchmark.gemmGflops(seconds);
        out.printf("libnd4j build: %s; %d native thread(s); ND4J sgemm (2048x2048x2048, fp32): %.1f GFLOP/s%n%n",
                NativeLibraries.describe(NativeLibraries.select()), threads, gemm);
        out.println("| architecture | input | GMACs/image | batch | DL4J images/s | native images/s | native / DL4J "
                + "| DL4J GFLOP/s | native GFLOP/s | native % of sgemm |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (String name : names) {
            Architecture architecture = catalog.require(name);
            InputShape input = ReferenceInputs.of(architecture);
            int classes = input.channels() == 1 ? 10 : 1000;
            ComputationGraphConfiguration conf = architecture.configuration(input, classes,
                    new NeuralNetConfiguration.Builder().seed(1));
            Analysis analysis = ArchitectureAnalysis.of(conf, input);
            ComputationGraph graph = new ComputationGraph(conf);
            graph.init();
            NativeGraph compiled = NativeCompiler.compile(graph, input);
            double macs = analysis.totals().macs();
            for (int batch : sizes) {
                double dl4j = GraphThroughput.inference(graph, input, batch, seconds);
                double fast = GraphThroughput.nativeInference(compiled, input, batch, seconds);
                out.printf("| %s | %s | %.3f | %d | %.2f | %.2f | %.1fx | %.1f | %.1f | %.1f%% |%n", name, input,
                        macs / 1e9, batch, dl4j, fast, fast / dl4j, 2 * macs * dl4j / 1e9, 2 * macs * fast / 1e9,
                        100 * 2 * macs * fast / 1e9 / gemm);
                out.flush();
            }
            graph.close();
        }
        return 0;
    }
}
