package org.cnnserve.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cnnserve.architectures.InputShape;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Compiles a DL4J {@link ComputationGraph} (configuration and weights) into a {@link NativeGraph}.
 * Weights are copied once, in the layouts the native ops want: convolution kernels as
 * [kH, kW, in, out], a BatchNorm that directly follows a convolution folded into that
 * convolution's kernel and bias, and the first fully connected layer after a feature map with its
 * rows reordered from DL4J's channels-first flattening to channels-last. A graph with a vertex this
 * engine has no form for is refused with {@link UnsupportedNetworkException}, naming the vertex.
 */
public final class NativeCompiler {

    private NativeCompiler() {
    }

    public static NativeGraph compile(ComputationGraph graph, InputShape input) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            throw new UnsupportedNetworkException("the native engine runs graphs with one input and one output, "
                    + "this one has inputs " + conf.getNetworkInputs() + " and outputs " + conf.getNetworkOutputs());
        }
        Map<String, List<String>> inputs = conf.getVertexInputs();
        Map<String, Integer> readers = new HashMap<>();
        inputs.values().forEach(list -> list.forEach(in -> readers.merge(in, 1, Integer::sum)));
        Map<String, String> folded = foldableBatchNorms(conf, inputs, readers);

        List<NativeGraph.Node> nodes = new ArrayList<>();
        for (int index : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[index].getVertexName();
            if (conf.getNetworkInputs().contains(name)) {
                continue;
            }
            List<String> from = inputs.get(name);
            GraphVertex vertex = conf.getVertices().get(name);
            boolean soleReader = from.size() == 1 && readers.getOrDefault(from.get(0), 0) == 1;
            Step step;
            try {
                step = vertex instanceof LayerVertex layer
                        ? layer(graph, name, layer, folded.get(name), folded.containsValue(name), soleReader)
                        : vertex(name, vertex);
            } catch (UnsupportedNetworkException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new UnsupportedNetworkException("vertex '" + name + "': " + e.getMessage(), e);
            }
            nodes.add(new NativeGraph.Node(name, from, step));
        }
        return new NativeGraph(conf.getNetworkInputs().get(0), nodes, conf.getNetworkOutputs().get(0));
    }

    /** Convolutions whose only reader is a BatchNorm that reads nothing else, with that BatchNorm: names. */
    private static Map<String, String> foldableBatchNorms(ComputationGraphConfiguration conf,
                                                                       Map<String, List<String>> inputs,
                                                                       Map<String, Integer> readers) {
        Map<String, String> folded = new HashMap<>();
        conf.getVertices().forEach((name, vertex) -> {
            if (!(vertex instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BatchNormalization)
                    || lv.getPreProcessor() != null || inputs.get(name).size() != 1) {
                return;
            }
            String in = inputs.get(name).get(0);
            if (conf.getVertices().get(in) instanceof LayerVertex source
                    && source.getLayerConf().getLayer() instanceof ConvolutionLayer conv
                    && conv.getActivationFn() instanceof ActivationIdentity
                    && readers.getOrDefault(in, 0) == 1) {
                folded.put(in, name);
            }
        });
        return folded;
    }

    private static Step layer(ComputationGraph graph, String name, LayerVertex vertex, String foldIn,
                              boolean foldedAway, boolean soleReader) {
        Layer layer = vertex.getLayerConf().getLayer();
        InputPreProcessor pre = vertex.getPreProcessor();
        Map<String, INDArray> params = graph.getLayer(name).paramTable();
        if (pre != null && !(pre instanceof CnnToFeedForwardPreProcessor && layer instanceof DenseLayer)) {
            throw new UnsupportedNetworkException("vertex '" + name + "' has the input preprocessor "
                    + pre.getClass().getSimpleName() + ", which the native engine has no form for");
        }
        if (layer instanceof ConvolutionLayer conv && conv.getClass() == ConvolutionLayer.class) {
            if (foldIn == null) {
                return NativeOps.convolution(conv, params, null, null);
            }
            var bn = (BatchNormalization) graph.getLayer(foldIn).conf().getLayer();
            return NativeOps.convolution(conv, params, bn, graph.getLayer(foldIn).paramTable());
        }
        if (layer instanceof BatchNormalization bn) {
            return foldedAway ? in -> in[0] : NativeOps.batchNorm(bn, params, soleReader);
        }
        if (layer instanceof SubsamplingLayer pool && pool.getClass() == SubsamplingLayer.class) {
            return NativeOps.pooling(pool);
        }
        if (layer instanceof OutputLayer || layer instanceof DenseLayer) {
            CnnToFeedForwardPreProcessor flatten = pre instanceof CnnToFeedForwardPreProcessor f ? f : null;
            return NativeOps.dense(((BaseLayer) layer).getActivationFn(), params, flatten);
        }
        if (layer instanceof LossLayer loss) {
            return NativeOps.activation(loss.getActivationFn(), soleReader);
        }
        if (layer instanceof ActivationLayer activation) {
            return NativeOps.activation(activation.getActivationFn(), soleReader);
        }
        if (layer instanceof DropoutLayer) {
            return NativeOps.dropout();
        }
        if (layer instanceof GlobalPoolingLayer pool) {
            return NativeOps.globalPooling(pool);
        }
        if (layer instanceof ZeroPaddingLayer pad) {
            return NativeOps.zeroPadding(pad.getPadding());
        }
        if (layer instanceof LocalResponseNormalization lrn) {
            return NativeOps.localResponseNormalization(lrn);
        }
        throw new UnsupportedNetworkException("vertex '" + name + "' is a " + layer.getClass().getSimpleName()
                + ", which the native engine has no form for");
    }

    private static Step vertex(String name, GraphVertex vertex) {
        if (vertex instanceof ElementWiseVertex add && add.getOp() == ElementWiseVertex.Op.Add) {
            // Also the stochastic-depth add, which at inference is a plain sum.
            return NativeOps::sum;
        }
        if (vertex instanceof MergeVertex merge && merge.getMergeAxis() == 1) {
            return NativeOps::concatChannels;
        }
        if (vertex instanceof SubsetVertex subset) {
            return NativeOps.channelSubset(subset.getFrom(), subset.getTo());
        }
        throw new UnsupportedNetworkException("vertex '" + name + "' is a " + vertex.getClass().getSimpleName()
                + ", which the native engine has no form for");
    }
}
