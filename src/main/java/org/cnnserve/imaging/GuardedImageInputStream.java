package org.cnnserve.imaging;

import java.io.IOException;
import java.util.Objects;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An image input stream over a byte array that stops a reader spinning at the end of the data.
 *
 * <p>A decoder of truncated data hits the end a few times and gives up. The TwelveMonkeys
 * WebP lossless decoder (3.14.0) instead swallows the {@code EOFException} in its bit reader
 * and goes on decoding Huffman tables from stale bits: a 168-byte damaged file took half a
 * minute of CPU. After {@link #MAX_READS_AT_END} reads at the end this stream throws an
 * unchecked exception, which the decoder's catch-all turns into TRUNCATED.
 */
final class GuardedImageInputStream extends ImageInputStreamImpl {

    /** Far above what a decoder that notices the end needs, far below a runaway loop. */
    static final int MAX_READS_AT_END = 1024;

    private final byte[] data;
    private int readsAtEnd;

    GuardedImageInputStream(byte[] data) {
        this.data = Objects.requireNonNull(data, "data must not be null");
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        if (streamPos >= data.length) {
            atEnd();
            return -1;
        }
        return data[(int) streamPos++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        checkClosed();
        Objects.checkFromIndexSize(offset, length, buffer.length);
        bitOffset = 0;
        if (length == 0) {
            return 0;
        }
        if (streamPos >= data.length) {
            atEnd();
            return -1;
        }
        int count = (int) Math.min(length, data.length - streamPos);
        System.arraycopy(data, (int) streamPos, buffer, offset, count);
        streamPos += count;
        return count;
    }

    @Override
    public long length() {
        return data.length;
    }

    private void atEnd() {
        if (++readsAtEnd > MAX_READS_AT_END) {
            throw new IllegalStateException("the decoder kept reading past the end of the data");
        }
    }
}
