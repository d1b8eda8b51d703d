package org.cnnserve.engine;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The steps a compiled network is made of. Feature maps are NHWC: libnd4j's oneDNN convolutions
 * are fastest that way, and a per-channel operation is a row-vector operation on an [N*H*W, C]
 * view. Every step returns a new array, except an activation that is its input's only reader,
 * which works in place, and a BatchNorm folded into its convolution, which returns its input.
 */
final class NativeOps {

    private static final int NHWC = 1;
    private static final int KERNEL_YXIO = 0;

    private NativeOps() {
    }

    /** A convolution with its kernel as [kH, kW, in, out] and, when given, a following BatchNorm folded in. */
    static Step convolution(ConvolutionLayer conv, Map<String, INDArray> params, BatchNormalization bn,
                            Map<String, INDArray> bnParams) {
        INDArray w = params.get("W");
        long out = w.size(0);
        INDArray kernel = w.permute(2, 3, 1, 0).dup('c');
        INDArray bias = conv.hasBias() ? params.get("b").reshape(out).dup() : Nd4j.zeros(w.dataType(), out);
        if (bn != null) {
            Affine affine = Affine.of(bn, bnParams);
            kernel.reshape(kernel.length() / out, out).muliRowVector(affine.scale());
            bias.muli(affine.scale().reshape(out)).addi(affine.shift().reshape(out));
        }
        int[] args = windowArguments(conv.getKernelSize(), conv.getStride(), conv.getPadding(), conv.getDilation(),
                conv.getConvolutionMode());
        int[] iArgs = append(args, NHWC, KERNEL_YXIO);
        IActivation activation = conv.getActivationFn();
        return in -> {
            INDArray result = Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(in[0], kernel, bias)
                    .addIntegerArguments(iArgs).build())[0];
            return activation.getActivation(result, false);
        };
    }

    /** A BatchNorm that could not be folded (it follows a concatenation or an activation) as scale and shift. */
    static Step batchNorm(BatchNormalization bn, Map<String, INDArray> params, boolean soleReader) {
        Affine affine = Affine.of(bn, params);
        long channels = affine.scale().length();
        return in -> {
            INDArray out = soleReader && !in[0].isView() && in[0].ordering() == 'c' ? in[0] : in[0].dup('c');
            out.reshape(out.length() / channels, channels).muliRowVector(affine.scale()).addiRowVector(affine.shift());
            // No activation: DL4J's BatchNormalization layer never applies its own (which defaults to sigmoid).
            return out;
        };
    }

    static Step pooling(SubsamplingLayer pool) {
        String op = switch (pool.getPoolingType()) {
            case MAX -> "maxpool2d";
            case AVG -> "avgpool2d";
            default -> throw new UnsupportedNetworkException("pooling type " + pool.getPoolingType()
                    + " has no native form");
        };
        int[] args = windowArguments(pool.getKernelSize(), pool.getStride(), pool.getPadding(), pool.getDilation(),
                pool.getConvolutionMode());
        // As DL4J's own SubsamplingLayer: 0 counts the padding in an average's divisor, 1 does not.
        int extra = pool.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.AVG
                && !pool.isAvgPoolIncludePadInDivisor() ? 1 : 0;
        int[] iArgs = append(args, extra, NHWC);
        return in -> Nd4j.exec(DynamicCustomOp.builder(op).addInputs(in[0]).addIntegerArguments(iArgs).build())[0];
    }

    /**
     * A fully connected layer; after a feature map ({@code flatten}), its rows are reordered once
     * from DL4J's (c, h, w) flattening to the (h, w, c) order of an NHWC map.
     */
    static Step dense(IActivation activation, Map<String, INDArray> params, CnnToFeedForwardPreProcessor flatten) {
        INDArray w = params.get("W");
        long out = w.size(1);
        INDArray weights;
        if (flatten != null) {
            long c = flatten.getNumChannels();
            long h = flatten.getInputHeight();
            long width = flatten.getInputWidth();
            weights = w.reshape('c', c, h, width, out).permute(1, 2, 0, 3).dup('c').reshape(h * width * c, out);
        } else {
            weights = w.dup('c');
        }
        INDArray bias = params.containsKey("b") ? params.get("b").reshape(1, out).dup() : null;
        return in -> {
            INDArray x = in[0].rank() == 2 ? in[0] : in[0].reshape('c', in[0].size(0), in[0].length() / in[0].size(0));
            // Nd4j.gemm, not mmul: mmul runs this shape (few rows, c-order weights) 2-4x slower, which
            // made AlexNet's fully connected layers half of its forward pass.
            INDArray result = Nd4j.gemm(x, weights, false, false);
            if (bias != null) {
                result.addiRowVector(bias);
            }
            return activation.getActivation(result, false);
        };
    }

    static Step activation(IActivation activation, boolean soleReader) {
        if (activation instanceof ActivationIdentity) {
            return in -> in[0];
        }
        return in -> activation.getActivation(soleReader ? in[0] : in[0].dup(), false);
    }

    static Step dropout() {
        // Inference keeps every unit (DL4J scales while training, inverted dropout). A copy rather
        // than the input itself, so that an in-place step after it cannot change another reader's input.
        return in -> in[0].dup();
    }

    static Step globalPooling(GlobalPoolingLayer pool) {
        PoolingType type = pool.getPoolingType();
        if (type != PoolingType.AVG && type != PoolingType.MAX) {
            throw new UnsupportedNetworkException("global pooling type " + type + " has no native form");
        }
        return in -> {
            if (in[0].rank() != 4) {
                throw new IllegalStateException("global pooling over a rank " + in[0].rank() + " input");
            }
            return type == PoolingType.AVG ? in[0].mean(1, 2) : in[0].max(1, 2);
        };
    }

    /** DL4J's padding is {top, bottom, left, right}. */
    static Step zeroPadding(int[] padding) {
        int top = padding[0];
        int bottom = padding[1];
        int left = padding[2];
        int right = padding[3];
        return in -> {
            INDArray x = in[0];
            long h = x.size(1);
            long w = x.size(2);
            INDArray out = Nd4j.zeros(x.dataType(), x.size(0), h + top + bottom, w + left + right, x.size(3));
            out.get(all(), interval(top, top + h), interval(left, left + w), all()).assign(x);
            return out;
        };
    }

    /** DL4J's LRN, x / (k + alpha * sum over n neighbouring channels of x^2)^beta, as libnd4j's lrn over the last axis. */
    static Step localResponseNormalization(LocalResponseNormalization lrn) {
        int depth = (int) Math.floor(lrn.getN() / 2);
        double k = lrn.getK();
        double alpha = lrn.getAlpha();
        double beta = lrn.getBeta();
        return in -> Nd4j.exec(DynamicCustomOp.builder("lrn").addInputs(in[0])
                .addFloatingPointArguments(k, alpha, beta).addIntegerArguments(depth).build())[0];
    }

    static INDArray sum(INDArray[] in) {
        INDArray out = in[0].add(in[1]);
        for (int i = 2; i < in.length; i++) {
            out.addi(in[i]);
        }
        return out;
    }

    static INDArray concatChannels(INDArray[] in) {
        return Nd4j.concat(in[0].rank() - 1, in);
    }

    /** Channels {@code from} to {@code to}, inclusive. */
    static Step channelSubset(int from, int to) {
        return in -> in[0].rank() == 4
                ? in[0].get(all(), all(), all(), interval(from, to + 1)).dup('c')
                : in[0].get(all(), interval(from, to + 1)).dup('c');
    }

    /** kH, kW, sH, sW, pH, pW, dH, dW, same-mode: the window arguments libnd4j's conv and pooling ops share. */
    private static int[] windowArguments(int[] kernel, int[] stride, int[] padding, int[] dilation,
                                          ConvolutionMode mode) {
        if (mode != ConvolutionMode.Truncate && mode != ConvolutionMode.Strict && mode != ConvolutionMode.Same) {
            throw new UnsupportedNetworkException("convolution mode " + mode + " has no native form");
        }
        boolean same = mode == ConvolutionMode.Same;
        return new int[] {kernel[0], kernel[1], stride[0], stride[1], same ? 0 : padding[0], same ? 0 : padding[1],
                dilation[0], dilation[1], same ? 1 : 0};
    }

    private static int[] append(int[] args, int... more) {
        int[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    /** A BatchNorm at inference as y = scale * x + shift, per channel. */
    record Affine(INDArray scale, INDArray shift) {

        static Affine of(BatchNormalization bn, Map<String, INDArray> params) {
            INDArray mean = params.get("mean");
            long channels = mean.length();
            // With log10stdev stored, the variance is (10^log10stdev)^2 = 10^(2 * log10stdev).
            INDArray variance = bn.isUseLogStd()
                    ? Transforms.pow(Nd4j.valueArrayOf(params.get("log10stdev").shape(), 10.0, mean.dataType()),
                            params.get("log10stdev").mul(2), false)
                    : params.get("var").dup();
            INDArray gamma = bn.isLockGammaBeta() ? Nd4j.valueArrayOf(new long[] {channels}, bn.getGamma(), mean.dataType())
                    : params.get("gamma").reshape(channels);
            INDArray beta = bn.isLockGammaBeta() ? Nd4j.valueArrayOf(new long[] {channels}, bn.getBeta(), mean.dataType())
                    : params.get("beta").reshape(channels);
            INDArray scale = gamma.div(Transforms.sqrt(variance.reshape(channels).add(bn.getEps()), false));
            INDArray shift = beta.sub(mean.reshape(channels).mul(scale));
            return new Affine(scale.reshape(1, channels).dup(), shift.reshape(1, channels).dup());
        }
    }
}
