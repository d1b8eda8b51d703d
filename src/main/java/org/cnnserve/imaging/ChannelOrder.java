package org.cnnserve.imaging;

/** The order of the three colour planes in the tensor (Caffe-trained networks want BGR). */
public enum ChannelOrder {
    /** Red, green, blue. */
    RGB,
    /** Blue, green, red. Only meaningful with {@link ColorMode#RGB}. */
    BGR
}
