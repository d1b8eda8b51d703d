package org.cnnserve.imaging;

/** The colour layout a network expects. */
public enum ColorMode {
    /** One channel: ITU-R BT.601 luma for colour images, as PIL's "L" mode. */
    GREY(1),
    /** Three channels; grey images are replicated into all three. */
    RGB(3);

    private final int channels;

    ColorMode(int channels) {
        this.channels = channels;
    }

    /** @return the number of tensor channels: 1 for GREY, 3 for RGB */
    public int channels() {
        return channels;
    }
}
