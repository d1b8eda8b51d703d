package org.cnnserve.serving;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a model replica runs: {@code cpu}, or {@code gpu:N} with ND4J's CUDA backend.
 *
 * @param gpu the CUDA device index, or -1 for the CPU
 */
public record Device(int gpu) {

    private static final Pattern GPU = Pattern.compile("gpu:(\\d{1,2})");

    public static final Device CPU = new Device(-1);

    public Device {
        if (gpu < -1) {
            throw new IllegalArgumentException("a GPU index must be at least 0, was " + gpu);
        }
    }

    /** Parses {@code cpu} or {@code gpu:N}. */
    public static Device parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("cpu")) {
            return CPU;
        }
        Matcher m = GPU.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("a device is 'cpu' or 'gpu:N' (e.g. gpu:0), was '" + text + "'");
        }
        return new Device(Integer.parseInt(m.group(1)));
    }

    public boolean isGpu() {
        return gpu >= 0;
    }

    @Override
    public String toString() {
        return isGpu() ? "gpu:" + gpu : "cpu";
    }
}
