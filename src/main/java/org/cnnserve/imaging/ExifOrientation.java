package org.cnnserve.imaging;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import javax.imageio.stream.ImageInputStream;

/**
 * Reads the EXIF orientation of a JPEG and turns a decoded image upright.
 *
 * <p>Cameras store the sensor's rows as they came and record in EXIF how to turn them for
 * display; the TwelveMonkeys JPEG reader does not apply that, so this class does. Values follow
 * the EXIF/TIFF Orientation tag: 1 as stored, 2 mirrored left-right, 3 turned 180 degrees,
 * 4 mirrored top-bottom, 5 transposed, 6 turned 90 degrees clockwise, 7 transversed,
 * 8 turned 90 degrees anticlockwise (the same as PIL's {@code ImageOps.exif_transpose}).
 */
final class ExifOrientation {

    static final int NORMAL = 1;

    private ExifOrientation() {
    }

    /**
     * @return the orientation, 1 to 8; 1 when there is no EXIF, or it is broken or out of range,
     *         since a bad tag should not cost a client an otherwise good photo
     */
    static int read(byte[] jpeg) {
        try (ImageInputStream in = new ByteArrayImageInputStream(jpeg)) {
            List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            for (JPEGSegment segment : segments) {
                int orientation = orientation(segment);
                if (orientation != 0) {
                    return orientation;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Broken metadata: treated as no metadata.
        }
        return NORMAL;
    }

    /** @return the orientation in one APP1 segment, or 0 when it has none */
    private static int orientation(JPEGSegment segment) throws IOException {
        byte[] body;
        try (InputStream data = segment.data()) {
            body = data.readAllBytes();
        }
        // The segment data starts after "Exif\0"; the TIFF header follows a pad byte, which
        // some writers omit, so look for the byte-order mark instead of assuming an offset.
        int start = tiffStart(body);
        if (start < 0) {
            return 0;
        }
        Directory directory;
        try (ImageInputStream tiff =
                     new ByteArrayImageInputStream(body, start, body.length - start)) {
            directory = new TIFFReader().read(tiff);
        }
        Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
        if (entry != null && entry.getValue() instanceof Number number) {
            int value = number.intValue();
            return value >= 1 && value <= 8 ? value : 0;
        }
        return 0;
    }

    private static int tiffStart(byte[] body) {
        for (int i = 0; i + 4 <= body.length && i <= 2; i++) {
            boolean intel = body[i] == 'I' && body[i + 1] == 'I' && body[i + 2] == 42 && body[i + 3] == 0;
            boolean motorola = body[i] == 'M' && body[i + 1] == 'M' && body[i + 2] == 0 && body[i + 3] == 42;
            if (intel || motorola) {
                return i;
            }
        }
        return -1;
    }

    /** @return the image as it should be displayed; the same instance for orientation 1 */
    static DecodedImage apply(DecodedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        int channels = image.channels();
        boolean swap = orientation >= 5;
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        float[] src = image.pixels();
        float[] dst = new float[src.length];
        int at = 0;
        for (int dy = 0; dy < outH; dy++) {
            for (int dx = 0; dx < outW; dx++) {
                int from = channels * switch (orientation) {
                    case 2 -> dy * w + (w - 1 - dx);
                    case 3 -> (h - 1 - dy) * w + (w - 1 - dx);
                    case 4 -> (h - 1 - dy) * w + dx;
                    case 5 -> dx * w + dy;
                    case 6 -> (h - 1 - dx) * w + dy;
                    case 7 -> (h - 1 - dx) * w + (w - 1 - dy);
                    default -> dx * w + (w - 1 - dy); // 8
                };
                for (int c = 0; c < channels; c++) {
                    dst[at++] = src[from + c];
                }
            }
        }
        return new DecodedImage(image.format(), outW, outH, channels, dst);
    }
}
