package org.cnnserve.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExifOrientationTests {

    /**
     * 3 wide, 2 high, one channel, pixel values name their place:
     * <pre>
     * 1 2 3
     * 4 5 6
     * </pre>
     */
    private static final DecodedImage IMAGE =
            new DecodedImage("jpeg", 3, 2, 1, new float[] {1, 2, 3, 4, 5, 6});

    @ParameterizedTest(name = "orientation {0}")
    @CsvSource(delimiter = '|', value = {
            "1 | 3 | 1 2 3 4 5 6",
            "2 | 3 | 3 2 1 6 5 4",
            "3 | 3 | 6 5 4 3 2 1",
            "4 | 3 | 4 5 6 1 2 3",
            "5 | 2 | 1 4 2 5 3 6",
            "6 | 2 | 4 1 5 2 6 3",
            "7 | 2 | 6 3 5 2 4 1",
            "8 | 2 | 3 6 2 5 1 4",
    })
    void eachOrientationMovesPixelsAsExifDefines(int orientation, int width, String expected) {
        DecodedImage upright = ExifOrientation.apply(IMAGE, orientation);

        assertThat(upright.width()).isEqualTo(width);
        assertThat(upright.height()).isEqualTo(6 / width);
        String[] values = expected.split(" ");
        float[] want = new float[values.length];
        for (int i = 0; i < want.length; i++) {
            want[i] = Float.parseFloat(values[i]);
        }
        assertThat(upright.pixels()).containsExactly(want);
    }

    @Test
    void orientationKeepsChannelsTogether() {
        DecodedImage rgb = new DecodedImage("jpeg", 2, 1, 3, new float[] {.1f, .2f, .3f, .4f, .5f, .6f});

        assertThat(ExifOrientation.apply(rgb, 6).pixels())
                .containsExactly(.1f, .2f, .3f, .4f, .5f, .6f);
        assertThat(ExifOrientation.apply(rgb, 2).pixels())
                .containsExactly(.4f, .5f, .6f, .1f, .2f, .3f);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 6, 8})
    void orientationIsReadFromTheFixtures(int orientation) {
        assertThat(ExifOrientation.read(Fixtures.bytes("exif-orientation-" + orientation + ".jpg")))
                .isEqualTo(orientation);
    }

    @Test
    void littleEndianExifIsReadToo() {
        byte[] tiff = ByteBuffer.allocate(26).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8)
                .putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1)
                .putShort((short) 7).putShort((short) 0).putInt(0).array();

        assertThat(ExifOrientation.read(withApp1("Exif\0\0", tiff))).isEqualTo(7);
    }

    @Test
    void missingExifMeansUpright() {
        assertThat(ExifOrientation.read(Fixtures.bytes("rgb.jpg"))).isEqualTo(1);
    }

    @Test
    void brokenExifMeansUpright() {
        byte[] garbage = "MM\0*garbage that is no IFD".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(ExifOrientation.read(withApp1("Exif\0\0", garbage))).isEqualTo(1);
    }

    @Test
    void outOfRangeOrientationMeansUpright() {
        byte[] tiff = ByteBuffer.allocate(26)
                .put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8)
                .putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1)
                .putShort((short) 9).putShort((short) 0).putInt(0).array();

        assertThat(ExifOrientation.read(withApp1("Exif\0\0", tiff))).isEqualTo(1);
    }

    @Test
    void bytesThatAreNoJpegMeanUpright() {
        assertThat(ExifOrientation.read(new byte[] {1, 2, 3})).isEqualTo(1);
    }

    /** rgb.jpg with an APP1 segment of the given identifier and body after its SOI. */
    private static byte[] withApp1(String identifier, byte[] body) {
        byte[] jpeg = Fixtures.bytes("rgb.jpg");
        byte[] id = identifier.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        int length = 2 + id.length + body.length;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(id);
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
