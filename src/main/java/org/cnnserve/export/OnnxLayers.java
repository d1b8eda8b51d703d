package org.cnnserve.export;

import static org.cnnserve.export.OnnxGraph.integer;
import static org.cnnserve.export.OnnxGraph.ints;
import static org.cnnserve.export.OnnxGraph.real;

import ai.onnx.proto.OnnxMl.AttributeProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
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
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DL4J layers as ONNX nodes, in the same cases as the native engine's compiler and with the same
 * reading of each layer: convolution weights stay [out, in, kH, kW] (ONNX's layout too), dense
 * weights [in, out] are Gemm's B as they are, DL4J's channels-first flattening before a dense layer
 * is ONNX's Flatten, dropout is the identity at inference. Each method returns the tensor that
 * holds the layer's output.
 */
final class OnnxLayers {

    private OnnxLayers() {
    }

    /**
     * @param in      the tensor the layer reads
     * @param inType  its DL4J type, before the layer's preprocessor
     * @param outType the layer's output type as DL4J's shape inference declares it
     */
    static String layer(OnnxGraph g, String name, Layer layer, InputPreProcessor pre, Map<String, INDArray> params,
                        String in, InputType inType, InputType outType) {
        if (pre != null && !(pre instanceof CnnToFeedForwardPreProcessor && layer instanceof DenseLayer)) {
            throw new OnnxExportException("has the input preprocessor " + pre.getClass().getSimpleName()
                    + ", which ONNX export has no form for");
        }
        if (layer instanceof ConvolutionLayer conv && conv.getClass() == ConvolutionLayer.class) {
            requireNchw(conv.getCnn2dDataFormat());
            return convolution(g, name, conv, params, in, inType, outType);
        }
        if (layer instanceof SubsamplingLayer pool && pool.getClass() == SubsamplingLayer.class) {
            requireNchw(pool.getCnn2dDataFormat());
            return pooling(g, name, pool, in, inType, outType);
        }
        if (layer instanceof BatchNormalization bn) {
            requireNchw(bn.getCnn2DFormat());
            // No activation: DL4J's BatchNormalization layer never applies its own (which defaults to sigmoid).
            return batchNorm(g, name, bn, params, in);
        }
        if (layer instanceof OutputLayer || layer instanceof DenseLayer) {
            return dense(g, name, (BaseLayer) layer, pre, params, in);
        }
        if (layer instanceof LossLayer loss) {
            return Activations.apply(g, name, loss.getActivationFn(), in, outType);
        }
        if (layer instanceof ActivationLayer activation) {
            return Activations.apply(g, name, activation.getActivationFn(), in, outType);
        }
        if (layer instanceof DropoutLayer) {
            return in; // DL4J's dropout is inverted: at inference every unit passes unscaled
        }
        if (layer instanceof GlobalPoolingLayer pool) {
            return globalPooling(g, name, pool, in, inType);
        }
        if (layer instanceof ZeroPaddingLayer pad) {
            requireNchw(pad.getDataFormat());
            int[] p = pad.getPadding(); // top, bottom, left, right
            return g.node("Pad", g.fresh(name), List.of(in, g.longs(name + ".pads", 0, 0, p[0], p[2], 0, 0, p[1], p[3])));
        }
        if (layer instanceof LocalResponseNormalization lrn) {
            requireNchw(lrn.getDataFormat());
            return localResponseNormalization(g, name, lrn, in);
        }
        throw new OnnxExportException("is a " + layer.getClass().getSimpleName() + ", which ONNX export has no form for");
    }

    private static String convolution(OnnxGraph g, String name, ConvolutionLayer conv, Map<String, INDArray> params,
                                      String in, InputType inType, InputType outType) {
        INDArray w = params.get("W");
        long[] pads = Windows.pads(conv.getKernelSize(), conv.getStride(), conv.getPadding(), conv.getDilation(),
                conv.getConvolutionMode(), spatial(inType), spatial(outType));
        List<String> inputs = new ArrayList<>(List.of(in, g.floats(name + ".W", w)));
        if (conv.hasBias()) {
            inputs.add(g.floats(name + ".b", params.get("b").reshape(w.size(0))));
        }
        boolean linear = Activations.isIdentity(conv.getActivationFn());
        String y = g.node("Conv", g.fresh(linear ? name : name + "_linear"), inputs,
                ints("kernel_shape", toLongs(conv.getKernelSize())), ints("strides", toLongs(conv.getStride())),
                ints("dilations", toLongs(conv.getDilation())), ints("pads", pads), integer("group", 1));
        return Activations.apply(g, name, conv.getActivationFn(), y, outType);
    }

    private static String pooling(OnnxGraph g, String name, SubsamplingLayer pool, String in, InputType inType,
                                  InputType outType) {
        long[] pads = Windows.pads(pool.getKernelSize(), pool.getStride(), pool.getPadding(), pool.getDilation(),
                pool.getConvolutionMode(), spatial(inType), spatial(outType));
        List<AttributeProto> attributes = new ArrayList<>(List.of(ints("kernel_shape", toLongs(pool.getKernelSize())),
                ints("strides", toLongs(pool.getStride())), ints("pads", pads)));
        boolean dilated = pool.getDilation()[0] != 1 || pool.getDilation()[1] != 1;
        String op;
        if (pool.getPoolingType() == PoolingType.MAX) {
            op = "MaxPool";
            attributes.add(ints("dilations", toLongs(pool.getDilation())));
        } else if (pool.getPoolingType() == PoolingType.AVG && !dilated) {
            op = "AveragePool";
            // As DL4J: with avgPoolIncludePadInDivisor the padding counts in the divisor, else only real inputs.
            attributes.add(integer("count_include_pad", pool.isAvgPoolIncludePadInDivisor() ? 1 : 0));
        } else {
            throw new OnnxExportException("is a " + pool.getPoolingType() + " pooling"
                    + (dilated ? " with dilation" : "") + ", which ONNX export has no form for");
        }
        return g.node(op, g.fresh(name), List.of(in), attributes.toArray(AttributeProto[]::new));
    }

    private static String batchNorm(OnnxGraph g, String name, BatchNormalization bn, Map<String, INDArray> params,
                                    String in) {
        INDArray mean = params.get("mean");
        long channels = mean.length();
        // With log10stdev stored, the variance is (10^log10stdev)^2 = 10^(2 * log10stdev).
        INDArray variance = bn.isUseLogStd()
                ? Transforms.pow(Nd4j.valueArrayOf(params.get("log10stdev").shape(), 10.0, mean.dataType()),
                        params.get("log10stdev").mul(2), false)
                : params.get("var");
        INDArray gamma = bn.isLockGammaBeta() ? Nd4j.valueArrayOf(new long[] {channels}, bn.getGamma(), mean.dataType())
                : params.get("gamma");
        INDArray beta = bn.isLockGammaBeta() ? Nd4j.valueArrayOf(new long[] {channels}, bn.getBeta(), mean.dataType())
                : params.get("beta");
        return g.node("BatchNormalization", g.fresh(name), List.of(in,
                        g.floats(name + ".gamma", gamma.reshape(channels)), g.floats(name + ".beta", beta.reshape(channels)),
                        g.floats(name + ".mean", mean.reshape(channels)), g.floats(name + ".var", variance.reshape(channels))),
                real("epsilon", bn.getEps()));
    }

    /** DL4J's W is [in, out], which is Gemm's B untransposed; a feature map is first flattened (c, h, w). */
    private static String dense(OnnxGraph g, String name, BaseLayer layer, InputPreProcessor pre,
                                Map<String, INDArray> params, String in) {
        String x = in;
        if (pre instanceof CnnToFeedForwardPreProcessor flatten) {
            requireNchw(flatten.getFormat());
            x = g.node("Flatten", g.fresh(name + "_flatten"), List.of(in), integer("axis", 1));
        }
        INDArray w = params.get("W");
        List<String> inputs = new ArrayList<>(List.of(x, g.floats(name + ".W", w)));
        if (params.containsKey("b")) {
            inputs.add(g.floats(name + ".b", params.get("b").reshape(w.size(1))));
        }
        boolean linear = Activations.isIdentity(layer.getActivationFn());
        String y = g.node("Gemm", g.fresh(linear ? name : name + "_linear"), inputs);
        return Activations.apply(g, name, layer.getActivationFn(), y, InputType.feedForward(w.size(1)));
    }

    private static String globalPooling(OnnxGraph g, String name, GlobalPoolingLayer pool, String in, InputType inType) {
        int[] dims = pool.getPoolingDimensions();
        if (!(inType instanceof InputType.InputTypeConvolutional conv) || conv.getFormat() != CNN2DFormat.NCHW
                || dims != null && !(dims.length == 2 && dims[0] == 2 && dims[1] == 3)) {
            throw new OnnxExportException("is a global pooling over " + inType + ", which ONNX export has no form for;"
                    + " it pools NCHW feature maps over height and width");
        }
        String op = switch (pool.getPoolingType()) {
            case AVG -> "GlobalAveragePool";
            case MAX -> "GlobalMaxPool";
            default -> throw new OnnxExportException("is a " + pool.getPoolingType()
                    + " global pooling, which ONNX export has no form for");
        };
        if (!pool.isCollapseDimensions()) {
            return g.node(op, g.fresh(name), List.of(in));
        }
        String pooled = g.node(op, g.fresh(name + "_pooled"), List.of(in));
        return g.node("Flatten", g.fresh(name), List.of(pooled), integer("axis", 1));
    }

    /**
     * DL4J divides x by (k + alpha * sum of x^2 over the n/2 channels each side)^beta; ONNX's LRN
     * divides its alpha by the window size, so its alpha is DL4J's times that size.
     */
    private static String localResponseNormalization(OnnxGraph g, String name, LocalResponseNormalization lrn,
                                                     String in) {
        long size = 2 * (long) Math.floor(lrn.getN() / 2) + 1;
        return g.node("LRN", g.fresh(name), List.of(in), integer("size", size),
                real("alpha", lrn.getAlpha() * size), real("beta", lrn.getBeta()), real("bias", lrn.getK()));
    }

    private static void requireNchw(CNN2DFormat format) {
        if (format != null && format != CNN2DFormat.NCHW) {
            throw new OnnxExportException("works on " + format + " feature maps; ONNX export writes NCHW only");
        }
    }

    /** Height and width of a feature map. */
    private static long[] spatial(InputType type) {
        if (!(type instanceof InputType.InputTypeConvolutional conv)) {
            throw new OnnxExportException("reads a " + type + " input where a feature map was expected");
        }
        return new long[] {conv.getHeight(), conv.getWidth()};
    }

    private static long[] toLongs(int[] values) {
        long[] longs = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = values[i];
        }
        return longs;
    }
}
