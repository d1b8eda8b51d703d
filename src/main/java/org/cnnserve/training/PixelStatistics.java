package org.cnnserve.training;

import java.util.Arrays;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.datasets.LabelledImages;
import org.cnnserve.imaging.ColorMode;
import org.cnnserve.imaging.Preprocessing;
import org.cnnserve.imaging.Preprocessor;

/**
 * Per-channel mean and standard deviation of a data set's pixels scaled to [0, 1], as the model
 * will see them (converted to its colour mode and resized to its input), for a new model's
 * preprocessing. Measured on up to {@value #SAMPLE} images spread over the data set.
 *
 * @param color grey for one input channel, RGB for three
 */
record PixelStatistics(ColorMode color, float[] mean, float[] std) {

    static final int SAMPLE = 10_000;

    static PixelStatistics of(LabelledImages images, InputShape input) {
        ColorMode color = switch (input.channels()) {
            case 1 -> ColorMode.GREY;
            case 3 -> ColorMode.RGB;
            default -> throw new TrainingException("a new model's input needs 1 or 3 channels, was " + input);
        };
        int channels = input.channels();
        float[] zero = new float[channels];
        float[] one = new float[channels];
        Arrays.fill(one, 1f);
        Preprocessing raw = new Preprocessing(color, null, 0, zero, one, null);
        int step = Math.max(1, images.size() / SAMPLE);
        double[] sum = new double[channels];
        double[] squares = new double[channels];
        long perChannel = 0;
        for (int i = 0; i < images.size(); i += step) {
            float[] chw = Preprocessor.toTensor(images.image(i), raw, input.height(), input.width());
            int plane = chw.length / channels;
            for (int c = 0; c < channels; c++) {
                for (int p = c * plane; p < (c + 1) * plane; p++) {
                    sum[c] += chw[p];
                    squares[c] += (double) chw[p] * chw[p];
                }
            }
            perChannel += plane;
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / perChannel;
            mean[c] = (float) m;
            std[c] = (float) Math.max(1e-3, Math.sqrt(squares[c] / perChannel - m * m));
        }
        return new PixelStatistics(color, mean, std);
    }
}
