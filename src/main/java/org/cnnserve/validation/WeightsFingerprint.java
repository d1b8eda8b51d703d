package org.cnnserve.validation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.cnnserve.registry.ModelRepository;

/**
 * What identifies the weights of a version folder: {@code sha256:<hex>} over each weights file it
 * holds ({@link ModelRepository#WEIGHTS_FILES}, in that order), so that a report can tell whether
 * the weights it measured are still the ones on disk. Each file enters as its name, its length and
 * its bytes: a {@code model.zip} and a {@code model.onnx} of equal bytes differ, and no split of one
 * file's bytes into two reads the same.
 */
final class WeightsFingerprint {

    private static final String PREFIX = "sha256:";

    private WeightsFingerprint() {
    }

    /** @return the fingerprint, or {@code null} when the folder holds no weights file */
    static String of(Path versionDirectory) throws IOException {
        MessageDigest sha256 = sha256();
        boolean any = false;
        byte[] buffer = new byte[1 << 16];
        for (String name : ModelRepository.WEIGHTS_FILES) {
            Path file = versionDirectory.resolve(name);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            any = true;
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(nameBytes.length).array());
            sha256.update(nameBytes);
            sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(Files.size(file)).array());
            try (InputStream in = Files.newInputStream(file)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    sha256.update(buffer, 0, n);
                }
            }
        }
        return any ? PREFIX + HexFormat.of().formatHex(sha256.digest()) : null;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
