package org.cnnserve.architectures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/**
 * The lecture's arithmetic, redone: each figure it states about AlexNet, VGG-16, the Inception
 * module, GoogLeNet and SqueezeNet against the same quantity computed by {@link ArchitectureAnalysis}
 * from a DL4J configuration. Networks come from the catalogue where it has them; the ratios that
 * need a network it lacks report themselves {@code unavailable} instead of assuming a result.
 */
public final class LectureChecks {

    /** Relative difference within which a rounded lecture figure ("about 35K") agrees. */
    public static final double TOLERANCE = 0.05;

    private static final Set<String> VGG_MEMORY_KINDS = Set.of("conv", "pool", "fc");

    private LectureChecks() {
    }

    /** Every check, against the standard catalogue. */
    public static List<LectureCheck> run() {
        return run(ArchitectureCatalog.standard());
    }

    public static List<LectureCheck> run(ArchitectureCatalog catalog) {
        List<LectureCheck> checks = new ArrayList<>();
        alexNetConv1(checks);
        vgg16(catalog, checks);
        inception(checks);
        checks.add(ratio(catalog, "googlenet", "GoogLeNet", new LectureCheck.Figure("12x fewer than AlexNet", 12)));
        checks.add(ratio(catalog, "squeezenet1_0", "SqueezeNet",
                new LectureCheck.Figure("50x fewer than AlexNet", 50)));
        return checks;
    }

    private static void alexNetConv1(List<LectureCheck> checks) {
        Analysis.Row conv1 = ArchitectureAnalysis.of(LectureNetworks.alexNetConv1(), 227, 227, 3).row("conv1");
        checks.add(LectureCheck.of("alexnet-conv1-output", "AlexNet CONV1 output volume: 96 11x11 filters at stride 4 "
                        + "on a 227x227x3 image", new LectureCheck.Figure("55x55x96", 55 * 55 * 96),
                conv1.activations(), "values", 0, "(227 - 11) / 4 + 1 = 55 positions per axis and one channel per "
                        + "filter: DL4J yields " + conv1.outputText() + " (CxHxW) = "
                        + TextTables.count(conv1.activations()) + " values"));
        checks.add(LectureCheck.of("alexnet-conv1-parameters", "AlexNet CONV1 parameters",
                new LectureCheck.Figure("about 35K", 35_000), conv1.parameters(), "parameters", TOLERANCE,
                "11 * 11 * 3 weights per filter, 96 filters, plus 96 biases = " + TextTables.count(conv1.parameters())));
    }

    private static void vgg16(ArchitectureCatalog catalog, List<LectureCheck> checks) {
        Optional<Architecture> listed = catalog.find("vgg16");
        Analysis vgg = listed.map(LectureChecks::inference)
                .orElseGet(() -> ArchitectureAnalysis.of(LectureNetworks.vgg16(), 224, 224, 3));
        String source = listed.isPresent() ? "the catalogue's vgg16" : "VGG-16 (configuration D) built for this check";
        checks.add(LectureCheck.of("vgg16-parameters", "VGG-16 parameters", new LectureCheck.Figure("138M",
                138e6), vgg.totals().parameters(), "parameters", TOLERANCE, source + " at 224x224x3: "
                + TextTables.count(vgg.totals().parameters()) + " (13 3x3 convolutions and 3 fully connected layers, "
                + "with biases); its largest layer, the first fully connected one, alone has "
                + TextTables.count(largestLayer(vgg))));
        long values = vgg.totals().inputElements();
        for (Analysis.Row r : vgg.rows()) {
            values += VGG_MEMORY_KINDS.contains(r.kind()) ? r.activations() : 0;
        }
        String sum = source + ": the outputs of every convolution, pooling and fully connected layer at 224x224x3 "
                + "plus the " + TextTables.count(vgg.totals().inputElements()) + " input values add up to " + TextTables.count(values) + " values";
        String why = "; the per-layer figures listed alongside the lecture's total add up to the same, "
                + "so its total of 24M does not follow from them";
        checks.add(LectureCheck.of("vgg16-activation-values", "VGG-16 forward-pass activations per image",
                new LectureCheck.Figure("about 24M values", 24e6), values, "values", TOLERANCE, sum + why));
        double megabytes = values * (double) Analysis.BYTES_PER_VALUE / 1e6;
        checks.add(LectureCheck.of("vgg16-activation-memory", "VGG-16 forward-pass activation memory per image at "
                        + "4 bytes a value", new LectureCheck.Figure("about 96 MB", 96), megabytes, "MB (10^6 bytes)",
                TOLERANCE, TextTables.count(values) + " values * 4 bytes = "
                        + String.format(Locale.ROOT, "%.1f", megabytes) + " MB; the lecture's 96 MB is its "
                        + "24M values * 4 bytes and carries the same error"));
    }

    private static void inception(List<LectureCheck> checks) {
        int s = LectureNetworks.INCEPTION_SIZE;
        int d = LectureNetworks.INCEPTION_DEPTH;
        Analysis naive = ArchitectureAnalysis.of(LectureNetworks.naiveInception(), s, s, d);
        Analysis bottleneck = ArchitectureAnalysis.of(LectureNetworks.bottleneckInception(), s, s, d);
        String module = " Inception module on a 28x28x256 input";
        checks.add(LectureCheck.of("inception-naive-depth", "Output depth of the naive" + module,
                new LectureCheck.Figure("28x28x672", 672), naive.row("concat").output().get(0), "channels", 0,
                "128 + 192 + 96 from the convolutions + 256 passed through by the pool, concatenated"));
        checks.add(LectureCheck.of("inception-naive-macs", "Multiply-adds of the naive" + module,
                new LectureCheck.Figure("854M ops", 854e6), naive.totals().macs(), "multiply-adds", TOLERANCE,
                terms(naive)));
        checks.add(LectureCheck.of("inception-bottleneck-depth", "Output depth of the bottleneck" + module,
                new LectureCheck.Figure("28x28x480", 480), bottleneck.row("concat").output().get(0), "channels", 0,
                "128 + 192 + 96 + 64 from the pool's 1x1 projection, concatenated"));
        checks.add(LectureCheck.of("inception-bottleneck-macs", "Multiply-adds of the bottleneck" + module
                        + " (1x1 64 before the 3x3 and the 5x5, 1x1 64 after the pool)",
                new LectureCheck.Figure("358M ops", 358e6), bottleneck.totals().macs(), "multiply-adds", TOLERANCE,
                terms(bottleneck) + "; these are the lecture's own six terms, which add up to this, not to 358M"));
    }

    private static LectureCheck ratio(ArchitectureCatalog catalog, String name, String title,
                                      LectureCheck.Figure lecture) {
        String id = name.replace('_', '-') + "-parameter-ratio";
        String description = "AlexNet's parameters divided by " + title + "'s";
        Optional<Architecture> alexNet = catalog.find("alexnet2012").or(() -> catalog.find("alexnet"));
        Optional<Architecture> other = catalog.find(name);
        if (alexNet.isEmpty() || other.isEmpty()) {
            List<String> missing = new ArrayList<>();
            alexNet.ifPresentOrElse(a -> { }, () -> missing.add("alexnet2012 (or alexnet)"));
            other.ifPresentOrElse(a -> { }, () -> missing.add(name));
            return LectureCheck.unavailable(id, description, lecture, "times", TOLERANCE,
                    "the catalogue has no " + String.join(" and no ", missing) + " to compute this from");
        }
        long alex = inference(alexNet.get()).totals().parameters();
        long small = inference(other.get()).totals().parameters();
        double times = (double) alex / small;
        return LectureCheck.of(id, description, lecture, times, "times", TOLERANCE, alexNet.get().name() + " has "
                + TextTables.count(alex) + " parameters, " + name + " (inference graph) " + TextTables.count(small)
                + String.format(Locale.ROOT, ": %.2fx fewer", times));
    }

    /** The inference graph at the reference input, 1000 classes, without any training-only heads. */
    private static Analysis inference(Architecture architecture) {
        InputShape input = ReferenceInputs.of(architecture);
        Analysis all = ArchitectureAnalysis.of(
                architecture.configuration(input, 1000, new NeuralNetConfiguration.Builder()), input);
        return all.outputs().size() > 1 && all.outputs().contains("output") ? all.restrictedTo("output") : all;
    }

    /** "name: macs + ... = total" over the layers that have MACs. */
    private static String terms(Analysis analysis) {
        StringBuilder s = new StringBuilder();
        for (Analysis.Row r : analysis.rows()) {
            if (r.macs() > 0) {
                s.append(s.length() == 0 ? "" : " + ").append(r.name()).append(" (").append(r.output().get(0))
                        .append(" filters): ").append(TextTables.count(r.macs()));
            }
        }
        return "28 * 28 output positions * (k * k * input channels) * filters, per convolution: " + s + " = "
                + TextTables.count(analysis.totals().macs());
    }

    private static long largestLayer(Analysis analysis) {
        return analysis.rows().stream().mapToLong(Analysis.Row::parameters).max().orElse(0);
    }
}
