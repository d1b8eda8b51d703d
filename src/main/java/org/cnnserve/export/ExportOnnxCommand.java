package org.cnnserve.export;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code export-onnx}: writes a model version, or a seeded catalogue architecture, as an ONNX file.
 * Options that do not fit together are usage errors (exit 2, with the usage) found before any
 * network is built; an export that fails exits with 1 and says why.
 */
// No standard help mixin: its --version (the program's) would take the name of the model version option.
@Command(name = "export-onnx", sortOptions = false,
        customSynopsis = {"cnnserve export-onnx --model NAME [--version N] [--repository DIR] --output FILE",
                "   or: cnnserve export-onnx --architecture NAME --input HxWxC --classes K",
                "                            [--seed N] --output FILE"},
        description = {"Writes a network as an ONNX model.",
                "The graph has one input 'input' (float32 [N, C, H, W], N free) and one output 'probabilities' "
                        + "(float32 [N, classes], after the softmax), and computes what the DL4J graph computes. "
                        + "Runs without the web server."})
public final class ExportOnnxCommand implements Callable<Integer> {

    private static final String DEFAULT_REPOSITORY = "models";

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Option(names = "--model", paramLabel = "NAME", description = "model folder in the repository")
    private String model;

    @Option(names = "--version", paramLabel = "N", description = "the model's version (default: its highest)")
    private Integer version;

    @Option(names = "--repository", paramLabel = "DIR",
            description = "model repository (default: " + DEFAULT_REPOSITORY + ")")
    private Path repository;

    @Option(names = "--architecture", paramLabel = "NAME",
            description = "a catalogue architecture, with weights initialised from --seed")
    private String architecture;

    @Option(names = "--input", paramLabel = "HxWxC", converter = InputShapes.class,
            description = "the architecture's input, e.g. 224x224x3")
    private InputShape input;

    @Option(names = "--classes", paramLabel = "K", description = "the architecture's number of classes")
    private Integer classes;

    @Option(names = "--seed", paramLabel = "N", description = "seed for the architecture's weights (default: 42)")
    private Long seed;

    @Option(names = "--output", paramLabel = "FILE", required = true, description = "the .onnx file to write")
    private Path output;

    private final PrintStream out;
    private final PrintStream err;

    /** Reports the written file to {@code out} and a failed export's reason to {@code err}. */
    public ExportOnnxCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        checkOptions();
        try {
            ExportedNetwork network = model != null
                    ? ExportedNetwork.ofModel(repository == null ? Path.of(DEFAULT_REPOSITORY) : repository, model, version)
                    : ExportedNetwork.ofArchitecture(architecture, input, classes, seed == null ? 42 : seed);
            byte[] onnx = OnnxExport.export(network.graph(), network.input(), network.classes());
            Path parent = output.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.write(output, onnx);
            out.printf("wrote %s (%,d bytes): %s as ONNX opset %d, input '%s' [N, %d, %d, %d], output '%s' [N, %d]%n",
                    output, onnx.length, network.source(), OnnxExport.OPSET, OnnxExport.INPUT,
                    network.input().channels(), network.input().height(), network.input().width(), OnnxExport.OUTPUT,
                    network.classes());
            return 0;
        } catch (OnnxExportException | IllegalArgumentException e) {
            err.println("export-onnx: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("export-onnx: cannot write " + output + ": " + e);
            return 1;
        }
    }

    /** The rules picocli's annotations cannot state: one source, and only the options that go with it. */
    void checkOptions() {
        if ((model == null) == (architecture == null)) {
            throw usage("give either --model NAME or --architecture NAME");
        }
        List<String> misplaced = new ArrayList<>();
        if (model != null) {
            addIf(misplaced, input != null, "--input");
            addIf(misplaced, classes != null, "--classes");
            addIf(misplaced, seed != null, "--seed");
            if (!misplaced.isEmpty()) {
                throw usage(String.join(", ", misplaced) + " go with --architecture; a model's input, classes and "
                        + "weights come from its folder");
            }
            return;
        }
        addIf(misplaced, version != null, "--version");
        addIf(misplaced, repository != null, "--repository");
        if (!misplaced.isEmpty()) {
            throw usage(String.join(", ", misplaced) + " go with --model");
        }
        if (input == null || classes == null) {
            throw usage("--architecture needs --input HxWxC and --classes K");
        }
        if (classes < 2) {
            throw usage("--classes must be at least 2, was " + classes);
        }
        if (ArchitectureCatalog.standard().find(architecture).isEmpty()) {
            throw usage("unknown architecture '" + architecture + "'; known: " + String.join(", ",
                    ArchitectureCatalog.standard().all().stream().map(a -> a.name()).toList()));
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static void addIf(List<String> list, boolean condition, String option) {
        if (condition) {
            list.add(option);
        }
    }

    /** {@code HxWxC}, e.g. {@code 224x224x3}. */
    static final class InputShapes implements ITypeConverter<InputShape> {
        @Override
        public InputShape convert(String value) {
            try {
                return InputShape.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
