package org.cnnserve.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses which build of libnd4j JavaCPP loads, before ND4J first loads it: the oneDNN build for
 * AVX-512 CPUs, the AVX2 oneDNN build for other AVX2 CPUs, else the plain build. Only the oneDNN
 * builds run convolutions on oneDNN, which is where the native engine's speed comes from. A
 * {@code javacpp.platform.extension} system property that is already set wins (empty: the plain
 * build), so that a user can override the choice.
 */
public final class NativeLibraries {

    public static final String PROPERTY = "javacpp.platform.extension";
    private static final String BINDINGS = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64%s/libjnind4jcpu.so";
    static final Set<String> AVX512 = Set.of("avx512f", "avx512bw", "avx512vl", "avx512dq");
    static final Set<String> AVX2 = Set.of("avx2", "fma");

    private NativeLibraries() {
    }

    /**
     * Sets the property unless it is set; returns the build that will load, e.g. {@code -onednn-avx2},
     * or the empty string for the plain build.
     */
    public static String select() {
        String chosen = System.getProperty(PROPERTY);
        if (chosen == null) {
            chosen = choose(cpuFlags(), extension -> NativeLibraries.class.getClassLoader()
                    .getResource(String.format(BINDINGS, extension)) != null);
            System.setProperty(PROPERTY, chosen);
        }
        return chosen;
    }

    /** The build for a CPU with these flags, among those {@code available} on the class path. */
    static String choose(Set<String> flags, java.util.function.Predicate<String> available) {
        if (flags.containsAll(AVX512) && available.test("-onednn-avx512")) {
            return "-onednn-avx512";
        }
        if (flags.containsAll(AVX2) && available.test("-onednn-avx2")) {
            return "-onednn-avx2";
        }
        return "";
    }

    /** The CPU's feature flags from /proc/cpuinfo; none where it is not Linux on x86-64. */
    static Set<String> cpuFlags() {
        return cpuInfo("flags").map(flags -> Arrays.stream(flags.split("\\s+"))
                .collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    /** The CPU's vendor from /proc/cpuinfo ({@code GenuineIntel}, {@code AuthenticAMD}), or empty. */
    static String cpuVendor() {
        return cpuInfo("vendor_id").orElse("");
    }

    /** The first CPU's {@code field} in /proc/cpuinfo; empty where it is not Linux on x86-64. */
    private static Optional<String> cpuInfo(String field) {
        String arch = System.getProperty("os.arch", "");
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.empty();
        }
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.indexOf(':') > 0 && l.substring(0, l.indexOf(':')).trim().equals(field))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** For logs and benchmarks: the build's name. */
    public static String describe(String extension) {
        return extension.isEmpty() ? "linux-x86_64 (plain, OpenBLAS)" : "linux-x86_64" + extension;
    }
}
