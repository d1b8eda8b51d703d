package org.cnnserve.classify;

import org.cnnserve.imaging.DecodeBudget;
import org.cnnserve.imaging.DecodedImage;
import org.cnnserve.imaging.ImageDecoder;
import org.cnnserve.imaging.Preprocessor;
import org.cnnserve.registry.ModelConfig;

/**
 * An encoded image file turned into a model's input tensor: decoded and preprocessed under the
 * shared decode budget, as every protocol that takes image files must do it.
 */
public final class ImageTensors {

    private final ImageDecoder decoder;
    private final DecodeBudget budget;

    public ImageTensors(ImageDecoder decoder, DecodeBudget budget) {
        this.decoder = decoder;
        this.budget = budget;
    }

    /**
     * The preprocessed CHW tensor and when decoding ended.
     *
     * @param values    the model's input, channels x height x width
     * @param decodedAt the {@link System#nanoTime()} reading when the image had been decoded
     */
    public record Tensor(float[] values, long decodedAt) {
    }

    /**
     * @throws org.cnnserve.imaging.ImageRejectedException        when the bytes are not an acceptable image
     * @throws org.cnnserve.imaging.DecodeBudgetExhaustedException when other decodes hold the memory
     */
    public Tensor toTensor(byte[] image, ModelConfig config) {
        long tensorValues = (long) config.preprocessing().channels() * config.input().height() * config.input().width();
        // Held from before the first pixel is allocated until the source image can be collected.
        try (DecodeBudget.Reservation reservation = budget.reserve(decoder.estimateBytes(image, tensorValues))) {
            DecodedImage decoded = decoder.decode(image);
            long decodedAt = System.nanoTime();
            float[] tensor = Preprocessor.toTensor(decoded, config.preprocessing(), config.input().height(),
                    config.input().width());
            return new Tensor(tensor, decodedAt);
        }
    }
}
