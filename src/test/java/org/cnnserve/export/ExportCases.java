package org.cnnserve.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.cnnserve.FashionImages;
import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.architectures.ReferenceInputs;
import org.cnnserve.datasets.IdxImages;
import org.cnnserve.imaging.Preprocessing;
import org.cnnserve.registry.ModelRepository;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The networks the export-equality tests run, and their inputs. */
final class ExportCases {

    /** Architectures whose smallest input builds and runs in a second or two: the fast tier's. */
    private static final Set<String> FAST = Set.of("lenet5", "vgg_small",
            "resnet_small", "inception_small", "squeezenet_small", "nin_small");
    private static final int[] SIDES = {28, 32, 48, 64, 67, 96, 112, 128, 160, 224, 227};
    static final Path MODELS = Path.of("models");
    static final int CLASSES = 10;

    private ExportCases() {
    }

    static Stream<String> fastArchitectures() {
        return names().filter(FAST::contains);
    }

    /** Every other catalogue architecture: together the two lists are the whole catalogue. */
    static Stream<String> slowArchitectures() {
        return names().filter(n -> !FAST.contains(n));
    }

    private static Stream<String> names() {
        return ArchitectureCatalog.standard().all().stream().map(Architecture::name);
    }

    /** The smallest square input (of a few common sides) the architecture accepts, with its reference channels. */
    static InputShape smallestInput(Architecture architecture) {
        int channels = ReferenceInputs.of(architecture).channels();
        for (int side : SIDES) {
            InputShape input = new InputShape(side, side, channels);
            try {
                architecture.configuration(input, CLASSES, new NeuralNetConfiguration.Builder());
                return input;
            } catch (IllegalArgumentException tooSmall) {
                // try the next side
            }
        }
        return ReferenceInputs.of(architecture);
    }

    /** A catalogue architecture at its smallest input with seeded weights and non-trivial BatchNorm statistics. */
    static ComputationGraph seeded(Architecture architecture, InputShape input) {
        ComputationGraph graph = ExportedNetwork.ofArchitecture(architecture.name(), input, CLASSES, 7).graph();
        randomiseBatchNorms(graph);
        return graph;
    }

    /** Uniform random images in [0, 1), seeded. */
    static INDArray randomImages(InputShape input, int count, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, count, input.channels(), input.height(), input.width());
    }

    /**
     * Trained BatchNorms are not the identity that initialisation leaves them: random statistics,
     * scales and shifts make a wrong epsilon, axis or parameter order visible.
     */
    static void randomiseBatchNorms(ComputationGraph graph) {
        Nd4j.getRandom().setSeed(3);
        for (Layer layer : graph.getLayers()) {
            if (layer.conf().getLayer() instanceof BatchNormalization) {
                for (var entry : layer.paramTable().entrySet()) {
                    INDArray p = entry.getValue();
                    INDArray r = Nd4j.rand(p.dataType(), p.shape());
                    switch (entry.getKey()) {
                        case "gamma" -> p.assign(r.addi(0.5));
                        case "beta", "mean" -> p.assign(r.subi(0.5));
                        case "var" -> p.assign(r.addi(0.5));
                        case "log10stdev" -> p.assign(r.muli(0.4).subi(0.2));
                        default -> { }
                    }
                    layer.setParam(entry.getKey(), p);
                }
            }
        }
    }

    /**
     * The shipped model versions, as {@code name/version}, whose input is small (at most 64x64:
     * the fast tier's) or not: together, every version under {@code models/}.
     */
    static List<String> shippedVersions(boolean small) {
        ModelRepository repository = new ModelRepository(MODELS);
        return repository.modelNames().stream().map(repository::read)
                .filter(m -> (m.config().input().height() <= 64 && m.config().input().width() <= 64) == small)
                .flatMap(m -> m.versions().stream().map(v -> m.name() + "/" + v)).toList();
    }

    static ExportedNetwork shipped(String nameAndVersion) {
        String[] parts = nameAndVersion.split("/");
        return ExportedNetwork.ofModel(MODELS, parts[0], Integer.valueOf(parts[1]));
    }

    static Preprocessing preprocessing(String nameAndVersion) {
        return new ModelRepository(MODELS).read(nameAndVersion.split("/")[0]).config().preprocessing();
    }

    /** The first {@code count} images of the committed Fashion-MNIST test split, normalised as the model's config says. */
    static INDArray fashionImages(Preprocessing preprocessing, int count) {
        IdxImages test = FashionImages.testSplit();
        int pixels = test.rows() * test.cols();
        float mean = preprocessing.mean()[0];
        float std = preprocessing.std()[0];
        float[] values = new float[count * pixels];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < pixels; p++) {
                values[i * pixels + p] = (test.pixel(i, p) / 255f - mean) / std;
            }
        }
        return Nd4j.create(values, new long[] {count, 1, test.rows(), test.cols()}, 'c');
    }
}
