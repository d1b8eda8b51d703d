package org.cnnserve.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which of OpenBLAS's kernel sets ND4J's matrix products run: the DL4J engine's convolutions
 * (im2col + sgemm), every dense layer, and all of training. OpenBLAS 0.3.19, the one ND4J ships,
 * picks its kernels from the CPU model at load and knows no CPU newer than itself: it takes an
 * Emerald Rapids Xeon for a "Prescott" and runs generic SSE3 kernels, 5x below its AVX-512 ones.
 * {@code OPENBLAS_CORETYPE}, read when the library loads, overrides that detection.
 *
 * <p>So before ND4J loads, {@link #select()} sets it in this process's C environment from the CPU's
 * features: {@code SkylakeX} (AVX-512 kernels) on any CPU with AVX-512 F/BW/VL/DQ, {@code Haswell}
 * (AVX2 and FMA) on an Intel CPU with AVX2 and no AVX-512. AMD's AVX2 CPUs are left to OpenBLAS,
 * which knows Zen 1 to 3 by family. A value already in the environment wins, and
 * {@code -Dcnnserve.openblas.coretype=detect} leaves the choice to OpenBLAS. Every way of starting
 * the service goes through {@code CnnServeApplication.main}, so the jar,
 * {@code ./mvnw spring-boot:run} and the container all get the same choice.
 */
public final class OpenBlasCore {

    public static final String VARIABLE = "OPENBLAS_CORETYPE";
    public static final String PROPERTY = "cnnserve.openblas.coretype";
    private static final String DETECT = "detect";
    private static final int RTLD_LAZY = 0x1;
    private static final int RTLD_NOLOAD = 0x4;

    private OpenBlasCore() {
    }

    /** What start-up asked OpenBLAS for: a kernel set, or none (its own detection), and why. */
    public record Choice(Optional<String> coreType, String reason) {

        @Override
        public String toString() {
            return coreType.map(core -> VARIABLE + "=" + core).orElse("OpenBLAS's own detection") + " (" + reason
                    + ")";
        }
    }

    private static volatile Choice selected = new Choice(Optional.empty(), "not selected: ND4J loaded first");

    /**
     * Sets {@code OPENBLAS_CORETYPE} unless the environment has a value for it or
     * {@code -Dcnnserve.openblas.coretype=detect} asks for OpenBLAS's own detection; call before ND4J
     * loads. (An empty value is not "detect" to OpenBLAS: it falls back to Prescott.)
     */
    public static Choice select() {
        String given = System.getenv(VARIABLE);
        if (given != null && !given.isBlank()) {
            selected = new Choice(Optional.of(given), VARIABLE + " given in the environment");
        } else if (DETECT.equals(System.getProperty(PROPERTY))) {
            selected = new Choice(Optional.empty(), "-D" + PROPERTY + "=" + DETECT);
        } else {
            Optional<String> core = choose(NativeLibraries.cpuFlags(), NativeLibraries.cpuVendor());
            if (core.isEmpty()) {
                selected = new Choice(core, "OpenBLAS knows this CPU");
            } else if (setenv(VARIABLE, core.get())) {
                selected = new Choice(core, "chosen from the CPU's features");
            } else {
                selected = new Choice(Optional.empty(), "could not set " + VARIABLE + "; set it before starting");
            }
        }
        return selected;
    }

    /** What {@link #select()} decided in this process. */
    public static Choice selected() {
        return selected;
    }

    /** The kernel set to ask for on a CPU with these flags from this vendor, if any. */
    static Optional<String> choose(Set<String> flags, String vendor) {
        if (flags.containsAll(NativeLibraries.AVX512)) {
            return Optional.of("SkylakeX");
        }
        if (vendor.equals("GenuineIntel") && flags.containsAll(NativeLibraries.AVX2)) {
            return Optional.of("Haswell");
        }
        return Optional.empty();
    }

    /**
     * The kernel set OpenBLAS runs, as its {@code openblas_get_corename()} names it ("Haswell",
     * "Zen", "SkylakeX", "Prescott"), once ND4J has loaded it; empty when it is not loaded or cannot
     * be asked.
     */
    public static Optional<String> running() {
        try (var maps = Files.lines(Path.of("/proc/self/maps"))) {
            // libnd4jcpu links libopenblas.so.0; JavaCPP's own preset loads libopenblas_nolapack beside it.
            Optional<String> library = maps.map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(path -> path.endsWith("/libopenblas.so.0")).findFirst();
            // RTLD_NOLOAD: only a handle to the copy already loaded, and without RTLD_GLOBAL, which
            // would put its symbols ahead of others' and mix the two OpenBLAS copies' memory pools.
            Map<String, Object> options = Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY | RTLD_NOLOAD);
            return library.map(path -> NativeLibrary.getInstance(path, options).getFunction("openblas_get_corename")
                    .invokeString(new Object[0], false));
        } catch (IOException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    private interface C extends Library {
        int setenv(String name, String value, int overwrite);
    }

    private static boolean setenv(String name, String value) {
        try {
            return Native.load("c", C.class).setenv(name, value, 1) == 0;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
