package org.cnnserve.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class GuardedImageInputStreamTests {

    @Test
    void readsTheBytesAndSeeksLikeAnyImageInputStream() throws IOException {
        try (GuardedImageInputStream in = new GuardedImageInputStream(new byte[] {1, 2, (byte) 200})) {
            byte[] buffer = new byte[5];

            assertThat(in.read(buffer, 0, 5)).isEqualTo(3);
            assertThat(buffer).startsWith(1, 2, (byte) 200);
            in.seek(1);
            assertThat(in.readUnsignedShort()).isEqualTo(2 << 8 | 200);
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.length()).isEqualTo(3);
        }
    }

    @Test
    void aFewReadsAtTheEndReportTheEndAsUsual() throws IOException {
        try (GuardedImageInputStream in = new GuardedImageInputStream(new byte[] {1})) {
            in.seek(1);
            for (int i = 0; i < 10; i++) {
                assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class);
            }
        }
    }

    @Test
    void aReaderThatKeepsReadingAtTheEndIsStopped() throws IOException {
        try (GuardedImageInputStream in = new GuardedImageInputStream(new byte[] {1})) {
            in.seek(1);
            for (int i = 0; i < GuardedImageInputStream.MAX_READS_AT_END; i++) {
                assertThat(in.read()).isEqualTo(-1);
            }

            assertThatThrownBy(in::read)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the decoder kept reading past the end of the data");
        }
    }
}
