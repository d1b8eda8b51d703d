package org.cnnserve.architectures;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of one input image as a network sees it: height, width and channels (NCHW order in
 * the tensors built from it).
 */
public record InputShape(int height, int width, int channels) {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,5})x(\\d{1,5})x(\\d{1,2})");

    public InputShape {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "input height and width must be at least 1, was " + height + "x" + width);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("input channels must be 1 (grey) or 3 (RGB), was " + channels);
        }
    }

    /** Parses {@code HxWxC}, for example {@code 224x224x3}. */
    public static InputShape parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("input shape must look like HxWxC (e.g. 224x224x3), was '" + text + "'");
        }
        return new InputShape(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    public long elements() {
        return (long) height * width * channels;
    }

    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
