package org.cnnserve.architectures;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution2D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;

/**
 * What one vertex costs and how it widens the receptive field, for exactly the layer and vertex
 * types of the architectures contract. Classes are matched exactly, not by {@code instanceof}:
 * DL4J's depthwise, separable and transposed convolutions extend {@link ConvolutionLayer} but
 * count differently, so they must fail rather than be miscounted.
 */
final class VertexArithmetic {

    static final String SUPPORTED = "ConvolutionLayer, SubsamplingLayer (MAX, AVG), BatchNormalization, "
            + "ActivationLayer, DenseLayer, OutputLayer, LossLayer, GlobalPoolingLayer (MAX, AVG), "
            + "LocalResponseNormalization, DropoutLayer, ZeroPaddingLayer, MergeVertex (channels), "
            + "ElementWiseVertex (Add), SubsetVertex";

    /**
     * One vertex's figures. The window ({@code kernel}, {@code stride}, dilation folded into the
     * kernel) drives the receptive field; a window of 1 with stride 1 leaves it as it is.
     */
    record Step(String kind, String detail, long parameters, long buffers, long macs,
                long kernelH, long kernelW, long strideH, long strideW) {

        static Step pointwise(String kind, String detail) {
            return new Step(kind, detail, 0, 0, 0, 1, 1, 1, 1);
        }
    }

    private VertexArithmetic() {
    }

    /**
     * @param in  the type the vertex's first input yields (before any preprocessor DL4J inserts)
     * @param out the type the vertex yields
     */
    static Step of(String name, GraphVertex vertex, InputType in, InputType out) {
        if (vertex instanceof LayerVertex lv) {
            return layer(name, lv.getLayerConf().getLayer(), in, out);
        }
        if (vertex.getClass() == MergeVertex.class && ((MergeVertex) vertex).getMergeAxis() == 1) {
            return Step.pointwise("concat", "channels");
        }
        // StochasticDepthAddVertex too: it adds at test time, and resnet-fashion v1 was saved with it.
        if (vertex instanceof ElementWiseVertex add && add.getOp() == ElementWiseVertex.Op.Add) {
            return Step.pointwise("add", "");
        }
        if (vertex instanceof SubsetVertex) { // ChannelSubsetVertex too, which fixes the declared type
            SubsetVertex s = (SubsetVertex) vertex;
            return Step.pointwise("subset", "channels " + s.getFrom() + "-" + s.getTo());
        }
        throw unsupported(name, vertex.toString());
    }

    private static Step layer(String name, Layer layer, InputType in, InputType out) {
        Class<?> type = layer.getClass();
        if (type == ConvolutionLayer.class || type == Convolution2D.class) {
            return convolution((ConvolutionLayer) layer, (InputType.InputTypeConvolutional) out);
        } else if (type == SubsamplingLayer.class) {
            return pooling(name, (SubsamplingLayer) layer);
        } else if (type == GlobalPoolingLayer.class) {
            return globalPooling(name, (GlobalPoolingLayer) layer, in);
        } else if (type == DenseLayer.class || type == OutputLayer.class) {
            return fullyConnected(name, layer, in);
        } else if (type == BatchNormalization.class) {
            BatchNormalization bn = (BatchNormalization) layer;
            long c = bn.getNOut();
            // gamma and beta learn; the running mean and variance are buffers. Locked gamma/beta are constants.
            return new Step("bn", "eps " + bn.getEps(), bn.isLockGammaBeta() ? 0 : 2 * c, 2 * c, 0, 1, 1, 1, 1);
        } else if (type == ActivationLayer.class) {
            return Step.pointwise("act", String.valueOf(((ActivationLayer) layer).getActivationFn()));
        } else if (type == LocalResponseNormalization.class) {
            LocalResponseNormalization lrn = (LocalResponseNormalization) layer;
            return Step.pointwise("lrn", "n " + (long) lrn.getN() + ", k " + lrn.getK() + ", alpha " + lrn.getAlpha()
                    + ", beta " + lrn.getBeta());
        } else if (type == DropoutLayer.class) {
            return Step.pointwise("dropout", String.valueOf(((DropoutLayer) layer).getIDropout()));
        } else if (type == ZeroPaddingLayer.class) {
            int[] p = ((ZeroPaddingLayer) layer).getPadding();
            return Step.pointwise("zeropad", "top " + p[0] + ", bottom " + p[1] + ", left " + p[2] + ", right " + p[3]);
        } else if (type == LossLayer.class) {
            return Step.pointwise("loss", String.valueOf(((LossLayer) layer).getActivationFn()));
        }
        throw unsupported(name, type.getSimpleName());
    }

    /** Reference convention: k*k*cin*cout weights (+cout biases); MACs Hout*Wout*Cout*k*k*Cin. */
    private static Step convolution(ConvolutionLayer conv, InputType.InputTypeConvolutional out) {
        int[] k = conv.getKernelSize();
        int[] s = conv.getStride();
        int[] d = conv.getDilation();
        long cin = conv.getNIn();
        long cout = conv.getNOut();
        long weights = (long) k[0] * k[1] * cin * cout;
        long macs = out.getHeight() * out.getWidth() * cout * k[0] * k[1] * cin;
        String detail = window(k, s, conv.getPadding(), conv.getConvolutionMode())
                + (d[0] != 1 || d[1] != 1 ? " d" + d[0] : "")
                + (conv.hasBias() ? "" : ", no bias") + ", " + conv.getActivationFn();
        return new Step("conv", detail, weights + (conv.hasBias() ? cout : 0), 0, macs,
                dilated(k[0], d[0]), dilated(k[1], d[1]), s[0], s[1]);
    }

    private static Step pooling(String name, SubsamplingLayer pool) {
        PoolingType type = pool.getPoolingType();
        if (type != PoolingType.MAX && type != PoolingType.AVG) {
            throw unsupported(name, "SubsamplingLayer " + type);
        }
        int[] k = pool.getKernelSize();
        int[] s = pool.getStride();
        int[] d = pool.getDilation();
        return new Step("pool", type.name().toLowerCase() + " " + window(k, s, pool.getPadding(),
                pool.getConvolutionMode()), 0, 0, 0, dilated(k[0], d[0]), dilated(k[1], d[1]), s[0], s[1]);
    }

    /** Covers its whole input: a window the size of the incoming feature map. */
    private static Step globalPooling(String name, GlobalPoolingLayer pool, InputType in) {
        PoolingType type = pool.getPoolingType();
        if (type != PoolingType.MAX && type != PoolingType.AVG) {
            throw unsupported(name, "GlobalPoolingLayer " + type);
        }
        long[] hw = spatial(in);
        return new Step("globalpool", type.name().toLowerCase(), 0, 0, 0, hw[0], hw[1], hw[0], hw[1]);
    }

    /** nin*nout weights + nout biases, nin*nout MACs; on a feature map it sees the whole map. */
    private static Step fullyConnected(String name, Layer layer, InputType in) {
        boolean output = layer instanceof BaseOutputLayer;
        DenseLayer dense = output ? null : (DenseLayer) layer;
        if (dense != null && dense.hasLayerNorm()) {
            throw unsupported(name, "DenseLayer with layer normalisation");
        }
        FeedForwardLayer ff = (FeedForwardLayer) layer;
        boolean bias = output ? ((BaseOutputLayer) layer).hasBias() : dense.hasBias();
        long nin = ff.getNIn();
        long nout = ff.getNOut();
        long[] hw = spatial(in);
        String detail = nin + "->" + nout + (bias ? "" : ", no bias") + ", "
                + ((BaseLayer) layer).getActivationFn();
        return new Step("fc", detail, nin * nout + (bias ? nout : 0), 0, nin * nout, hw[0], hw[1], hw[0], hw[1]);
    }

    /** Height and width of a feature map; a vector counts as 1x1. */
    static long[] spatial(InputType type) {
        if (type instanceof InputType.InputTypeConvolutional c) {
            return new long[] {c.getHeight(), c.getWidth()};
        }
        return new long[] {1, 1};
    }

    private static long dilated(int kernel, int dilation) {
        return (long) dilation * (kernel - 1) + 1;
    }

    private static String window(int[] k, int[] s, int[] p, ConvolutionMode mode) {
        String text = k[0] + "x" + k[1] + " s" + (s[0] == s[1] ? "" + s[0] : s[0] + "x" + s[1]);
        if (mode == ConvolutionMode.Same) {
            return text + " same";
        }
        boolean padded = p[0] != 0 || p[1] != 0;
        return padded ? text + " p" + (p[0] == p[1] ? "" + p[0] : p[0] + "x" + p[1]) : text;
    }

    private static IllegalArgumentException unsupported(String name, String what) {
        return new IllegalArgumentException("vertex '" + name + "' is a " + what
                + ", which the architecture analysis does not support; it supports " + SUPPORTED);
    }
}
