package org.cnnserve.imaging;

/** The colour transparent pixels are composited over; networks never see alpha. */
public enum Background {
    /** Value 0 in every channel. */
    BLACK(0f),
    /** Value 1 in every channel. */
    WHITE(1f);

    private final float value;

    Background(float value) {
        this.value = value;
    }

    /** @return the channel value, 0 or 1 */
    public float value() {
        return value;
    }
}
