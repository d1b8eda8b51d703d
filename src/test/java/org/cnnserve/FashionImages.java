package org.cnnserve;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.cnnserve.datasets.IdxImages;

/** Real Fashion-MNIST test images, encoded as PNG files as a client would upload them. */
public final class FashionImages {

    private static IdxImages test;

    private FashionImages() {
    }

    public static synchronized IdxImages testSplit() {
        if (test == null) {
            try {
                test = IdxImages.read(Path.of("datasets", "fashion-mnist"), "t10k");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return test;
    }

    /** Test image {@code i} as PNG bytes. */
    public static byte[] png(int i) {
        IdxImages images = testSplit();
        BufferedImage image = new BufferedImage(images.cols(), images.rows(), BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < images.rows() * images.cols(); p++) {
            image.getRaster().setSample(p % images.cols(), p / images.cols(), 0, images.pixel(i, p));
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
