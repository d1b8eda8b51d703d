package org.cnnserve.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The DL4J engine frees its off-heap arrays at the end of each pass instead of leaving them to the
 * garbage collector: a server that runs passes faster than the heap fills would otherwise hold every
 * pass's input and output buffers off the heap until some later collection.
 */
class GraphModelTests {

    private static final InputShape INPUT = new InputShape(28, 28, 1);

    private static ComputationGraph lenet5() {
        var graph = new ComputationGraph(ArchitectureCatalog.standard().require("lenet5")
                .configuration(INPUT, 10, new NeuralNetConfiguration.Builder().seed(7)));
        graph.init();
        return graph;
    }

    private static float[][] images(int n) {
        float[][] images = new float[n][(int) INPUT.elements()];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < images[i].length; j++) {
                images[i][j] = ((i * 31 + j) % 17) / 17f;
            }
        }
        return images;
    }

    @Test
    void eachPassClosesItsInputAndOutputArraysAndKeepsTheValues() {
        ComputationGraph graph = lenet5();
        List<INDArray> arrays = new ArrayList<>();
        List<float[][]> seenOutputs = new ArrayList<>();
        GraphModel model = new GraphModel(graph, INPUT, 10, batch -> {
            INDArray out = graph.outputSingle(false, batch);
            arrays.add(batch);
            arrays.add(out);
            seenOutputs.add(out.toFloatMatrix()); // read before predict closes it
            return out;
        });

        float[][] first = model.predict(images(3));
        float[][] second = model.predict(images(5));

        assertThat(arrays).hasSize(4).allSatisfy(array -> assertThat(array.wasClosed()).isTrue());
        assertThat(first).isDeepEqualTo(seenOutputs.get(0));
        assertThat(second).isDeepEqualTo(seenOutputs.get(1));
        assertThat(first[0]).hasSize(10);
    }

    @Test
    void theProductionPathGivesTheGraphsOwnOutput() {
        ComputationGraph graph = lenet5();
        float[][] images = images(4);
        INDArray expected = graph.outputSingle(false, org.nd4j.linalg.factory.Nd4j.create(flatten(images),
                new long[] {4, 1, 28, 28}, 'c'));

        float[][] rows = new GraphModel(graph, INPUT, 10).predict(images);

        assertThat(rows).isDeepEqualTo(expected.toFloatMatrix());
    }

    private static float[] flatten(float[][] images) {
        float[] flat = new float[images.length * images[0].length];
        for (int i = 0; i < images.length; i++) {
            System.arraycopy(images[i], 0, flat, i * images[i].length, images[i].length);
        }
        return flat;
    }
}
