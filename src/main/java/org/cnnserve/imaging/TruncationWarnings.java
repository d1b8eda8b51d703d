package org.cnnserve.imaging;

import java.util.Locale;

import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;

/**
 * Collects the reader warnings that mean pixels are missing or garbage.
 *
 * <p>libjpeg (inside the JDK's JPEG decoder, which the TwelveMonkeys reader delegates to) only
 * warns when data runs out, "Premature end of JPEG file", and fills the rest of the image with
 * grey; the same goes for damaged entropy-coded data ("Corrupt JPEG data: bad Huffman code").
 * Such an image would classify as something it is not, so these warnings reject it.
 * Harmless warnings are ignored: "Corrupt JPEG data: N extraneous bytes before marker", which
 * many cameras produce, a missing EOI marker after complete scan data, and colour-profile
 * notices such as TwelveMonkeys' "No embedded ICC color profile".
 */
final class TruncationWarnings implements IIOReadWarningListener {

    private String first;

    @Override
    public void warningOccurred(ImageReader source, String warning) {
        if (first == null && warning != null && meansDataLoss(warning)) {
            first = warning;
        }
    }

    /** @return the first data-loss warning, or null when there was none */
    String first() {
        return first;
    }

    static boolean meansDataLoss(String warning) {
        String text = warning.toLowerCase(Locale.ROOT);
        return text.contains("premature end")
                || (text.startsWith("corrupt jpeg data") && !text.contains("extraneous bytes"));
    }
}
