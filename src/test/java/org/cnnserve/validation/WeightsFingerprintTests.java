package org.cnnserve.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsFingerprintTests {

    private static final byte[] BYTES = {10, 20, 30};

    @TempDir
    Path folder;

    @Test
    void aFolderWithoutWeightsHasNoFingerprint() throws IOException {
        Files.writeString(folder.resolve("labels.txt"), "a\n");

        assertThat(WeightsFingerprint.of(folder)).isNull();
    }

    @Test
    void equalWeightsHaveEqualFingerprintsAndOtherBytesAnother() throws IOException {
        Files.write(folder.resolve("model.zip"), BYTES);
        String first = WeightsFingerprint.of(folder);

        assertThat(first).matches("sha256:[0-9a-f]{64}").isEqualTo(WeightsFingerprint.of(folder));
        Files.write(folder.resolve("model.zip"), new byte[] {10, 20, 31});
        assertThat(WeightsFingerprint.of(folder)).isNotEqualTo(first);
    }

    @Test
    void theFileNameCountsSoAZipAndAnOnnxOfEqualBytesDiffer() throws IOException {
        Path zip = Files.createDirectory(folder.resolve("zip"));
        Path onnx = Files.createDirectory(folder.resolve("onnx"));
        Files.write(zip.resolve("model.zip"), BYTES);
        Files.write(onnx.resolve("model.onnx"), BYTES);

        assertThat(WeightsFingerprint.of(zip)).isNotNull().isNotEqualTo(WeightsFingerprint.of(onnx));
    }

    @Test
    void anOnnxFileAddedBesideTheZipChangesTheFingerprint() throws IOException {
        Files.write(folder.resolve("model.zip"), BYTES);
        String zipOnly = WeightsFingerprint.of(folder);
        Files.write(folder.resolve("model.onnx"), BYTES);

        assertThat(WeightsFingerprint.of(folder)).isNotEqualTo(zipOnly);
    }
}
