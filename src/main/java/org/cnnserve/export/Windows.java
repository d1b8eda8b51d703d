package org.cnnserve.export;

import org.deeplearning4j.nn.conf.ConvolutionMode;

/**
 * The explicit ONNX pads {top, left, bottom, right} of a DL4J convolution or pooling window, so the
 * exported graph depends on no runtime's reading of "same" padding. DL4J's {@code Same} mode makes
 * ceil(in / stride) outputs and pads (total / 2) before and the rest after, like ConvolutionUtils'
 * same-mode paddings; {@code Truncate} and {@code Strict} pad symmetrically and round down. The
 * output size the pads give is checked against the size DL4J's shape inference declares.
 */
final class Windows {

    private Windows() {
    }

    static long[] pads(int[] kernel, int[] stride, int[] padding, int[] dilation, ConvolutionMode mode,
                       long[] in, long[] out) {
        long[] before = new long[2];
        long[] after = new long[2];
        for (int axis = 0; axis < 2; axis++) {
            long extent = (long) dilation[axis] * (kernel[axis] - 1) + 1;
            if (mode == ConvolutionMode.Same) {
                long total = Math.max(0, (out[axis] - 1) * stride[axis] + extent - in[axis]);
                before[axis] = total / 2;
                after[axis] = total - total / 2;
            } else if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
                before[axis] = padding[axis];
                after[axis] = padding[axis];
            } else {
                throw new OnnxExportException("convolution mode " + mode + " has no ONNX form here");
            }
            long size = (in[axis] + before[axis] + after[axis] - extent) / stride[axis] + 1;
            if (size != out[axis]) {
                throw new OnnxExportException("the window (kernel " + kernel[axis] + ", stride " + stride[axis]
                        + ", pads " + before[axis] + "+" + after[axis] + ") gives " + size + " outputs from "
                        + in[axis] + ", but DL4J declares " + out[axis]);
            }
        }
        return new long[] {before[0], before[1], after[0], after[1]};
    }
}
