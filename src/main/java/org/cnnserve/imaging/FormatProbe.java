package org.cnnserve.imaging;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * Finds the image reader for some bytes from their signature, and names the format.
 *
 * <p>It walks the registered reader providers itself rather than calling
 * {@code ImageIO.getImageReaders}, which instantiates every matching reader: here only the
 * chosen one is ever created, and a format the service refuses can still be named.
 */
final class FormatProbe {

    /** The formats the service accepts, by their canonical lower-case names. */
    static final List<String> SUPPORTED = List.of("jpeg", "png", "gif", "bmp", "webp");

    /** A reader provider that recognised the bytes, with the canonical format name. */
    record Match(ImageReaderSpi provider, String format) {
    }

    private FormatProbe() {
    }

    /**
     * @return the first registered provider (in the registry's preference order, so the
     *         TwelveMonkeys JPEG reader wins over the JDK's) of a supported format
     * @throws ImageRejectedException UNSUPPORTED_FORMAT when only readers of other formats
     *                                recognise the bytes, NOT_AN_IMAGE when none does
     */
    static Match probe(byte[] data) {
        Match unsupported = null;
        Iterator<ImageReaderSpi> providers =
                IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, true);
        try (ImageInputStream in = new ByteArrayImageInputStream(data)) {
            while (providers.hasNext()) {
                ImageReaderSpi provider = providers.next();
                if (!recognises(provider, in)) {
                    continue;
                }
                String format = canonicalName(provider);
                if (SUPPORTED.contains(format)) {
                    return new Match(provider, format);
                }
                if (unsupported == null) {
                    unsupported = new Match(provider, format);
                }
            }
        } catch (IOException e) {
            // Only close() can throw here, and a byte array stream holds nothing to release.
        }
        if (unsupported != null) {
            throw new ImageRejectedException(ImageRejectedException.Reason.UNSUPPORTED_FORMAT,
                    "image format " + unsupported.format() + " is not supported; send one of "
                            + String.join(", ", SUPPORTED));
        }
        throw new ImageRejectedException(ImageRejectedException.Reason.NOT_AN_IMAGE,
                "data is not an image in any known format; send one of "
                        + String.join(", ", SUPPORTED));
    }

    private static boolean recognises(ImageReaderSpi provider, ImageInputStream in) {
        try {
            in.seek(0);
            return provider.canDecodeInput(in);
        } catch (IOException | RuntimeException e) {
            // A provider that chokes on the signature does not recognise it; others may.
            return false;
        }
    }

    /** Maps the providers' many spellings (JPG, jpeg-lossless, TIF...) to one name. */
    static String canonicalName(ImageReaderSpi provider) {
        Set<String> names = Arrays.stream(provider.getFormatNames())
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        for (String supported : SUPPORTED) {
            if (names.contains(supported)) {
                return supported;
            }
        }
        if (names.contains("jpg")) {
            return "jpeg";
        }
        if (names.contains("tif") || names.contains("tiff")) {
            return "tiff";
        }
        return provider.getFormatNames()[0].toLowerCase(Locale.ROOT);
    }
}
