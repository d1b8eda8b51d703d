package org.cnnserve.imaging;

import static org.assertj.core.api.Assertions.fail;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer over PNG, JPEG, GIF, BMP and WebP seeds: flipped bits, truncations,
 * inserted bytes and overwritten header fields. Any outcome other than a decoded (and then
 * preprocessed) image or an {@link ImageRejectedException} fails, naming the seed, the round and
 * where the failing input was written. Plain JUnit with java.util.Random, so a run is exactly
 * repeatable from its seed and needs no engine beside JUnit's. {@code -Dfuzz.rounds=N} runs
 * longer (docs/development.md); inputs it finds belong in src/test/resources/fuzz/, replayed
 * first on every run.
 */
class DecoderFuzzTests {

    private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 60);
    private static final long SEED = Long.getLong("fuzz.seed", 19L);

    private final ImageDecoder decoder = new ImageDecoder(new ImageLimits(1 << 20, 1 << 22));
    private final Preprocessing grey = new Preprocessing(ColorMode.GREY, ChannelOrder.RGB, 0,
            new float[] {0.5f}, new float[] {0.5f}, Background.BLACK);
    private final Preprocessing crop = new Preprocessing(ColorMode.RGB, ChannelOrder.BGR, 40,
            new float[] {0, 0, 0}, new float[] {1, 1, 1}, Background.WHITE);

    @Test
    void theCommittedCorpusIsDecodedOrRejected() throws IOException {
        Path corpus = Path.of("src/test/resources/fuzz");
        if (!Files.isDirectory(corpus)) {
            return;
        }
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bin")).sorted().toList()) {
                check(Files.readAllBytes(file), file.toString());
            }
        }
    }

    @Test
    void mutatedImagesAreDecodedOrRejectedNeverAnythingElse() {
        Random random = new Random(SEED);
        List<byte[]> seeds = seeds();
        for (int round = 0; round < ROUNDS; round++) {
            for (int s = 0; s < seeds.size(); s++) {
                byte[] mutant = mutate(seeds.get(s), random);
                check(mutant, "seed " + SEED + ", round " + round + ", image " + s);
            }
        }
    }

    private void check(byte[] data, String where) {
        try {
            DecodedImage image = decoder.decode(data);
            Preprocessor.toTensor(image, grey, 28, 28);
            Preprocessor.toTensor(image, crop, 32, 32);
        } catch (ImageRejectedException expected) {
            // the decoder's own refusal: the one acceptable failure
        } catch (Throwable t) {
            Path saved = save(data);
            fail("input (" + where + ", saved as " + saved + ") ended in " + t, t);
        }
    }

    private static Path save(byte[] data) {
        try {
            Path dir = Files.createDirectories(Path.of("target/fuzz-findings"));
            Path file = dir.resolve(Integer.toHexString(Arrays.hashCode(data)) + ".bin");
            return Files.write(file, data);
        } catch (IOException e) {
            return Path.of("(not saved: " + e.getMessage() + ")");
        }
    }

    static byte[] mutate(byte[] seed, Random random) {
        byte[] data = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && data.length > 0; e++) {
            switch (random.nextInt(4)) {
                case 0 -> data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> data = Arrays.copyOf(data, random.nextInt(data.length));
                case 2 -> {
                    int at = random.nextInt(data.length + 1);
                    byte[] inserted = new byte[1 + random.nextInt(16)];
                    random.nextBytes(inserted);
                    byte[] grown = new byte[data.length + inserted.length];
                    System.arraycopy(data, 0, grown, 0, at);
                    System.arraycopy(inserted, 0, grown, at, inserted.length);
                    System.arraycopy(data, at, grown, at + inserted.length, data.length - at);
                    data = grown;
                }
                default -> {
                    // Header fields (sizes, depths, lengths) sit in the first bytes: push them to extremes.
                    int at = random.nextInt(Math.min(data.length, 64));
                    byte[] extremes = {0, (byte) 0xFF, 0x7F, (byte) 0x80, 1};
                    data[at] = extremes[random.nextInt(extremes.length)];
                }
            }
        }
        return data;
    }

    private static List<byte[]> seeds() {
        BufferedImage rgb = new BufferedImage(23, 17, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillOval(2, 2, 15, 11);
        g.dispose();
        BufferedImage argb = new BufferedImage(9, 13, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(3, 4, 0x80FF0000);
        BufferedImage gray = new BufferedImage(31, 5, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(4, 2, 0, 200);
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(write(rgb, "png"));
        seeds.add(write(argb, "png"));
        seeds.add(write(gray, "png"));
        seeds.add(write(rgb, "jpeg"));
        seeds.add(write(gray, "jpeg"));
        seeds.add(write(rgb, "gif"));
        seeds.add(write(rgb, "bmp"));
        seeds.add(write(gray, "bmp"));
        seeds.add(Fixtures.bytes("rgb-lossless.webp"));
        seeds.add(Fixtures.bytes("boot-animated.webp"));
        seeds.add(Fixtures.bytes("boot-animated.gif"));
        seeds.add(Fixtures.bytes("exif-orientation-6.jpg"));
        seeds.add(example("ankle-boot.png"));
        return seeds;
    }

    private static byte[] write(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] example(String name) {
        try (InputStream in = Files.newInputStream(Path.of("examples", name))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
