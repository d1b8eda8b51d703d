package org.cnnserve.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class OpenBlasCoreTests {

    private static final Set<String> AVX512_CPU = Set.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw",
            "avx512vl", "avx512dq");
    private static final Set<String> AVX2_CPU = Set.of("sse4_2", "avx", "avx2", "fma");

    @Test
    void anAvx512CpuGetsTheSkylakeXKernelsWhateverItsVendor() {
        assertThat(OpenBlasCore.choose(AVX512_CPU, "GenuineIntel")).contains("SkylakeX");
        assertThat(OpenBlasCore.choose(AVX512_CPU, "AuthenticAMD")).contains("SkylakeX");
    }

    @Test
    void anIntelAvx2CpuGetsTheHaswellKernels() {
        assertThat(OpenBlasCore.choose(AVX2_CPU, "GenuineIntel")).contains("Haswell");
    }

    @Test
    void amdAvx2CpusAndOlderCpusAreLeftToOpenBlas() {
        assertThat(OpenBlasCore.choose(AVX2_CPU, "AuthenticAMD")).isEmpty();
        assertThat(OpenBlasCore.choose(Set.of("sse4_2", "avx"), "GenuineIntel")).isEmpty();
    }

    @Test
    void theKernelsRunningAreTheOnesChosen() {
        Nd4j.getBackend();
        Optional<String> running = OpenBlasCore.running();

        assertThat(running).as("openblas_get_corename() of the loaded OpenBLAS").isPresent();
        OpenBlasCore.selected().coreType().ifPresent(chosen -> assertThat(running.get()).isEqualToIgnoringCase(chosen));
    }

    /**
     * The kernels this CPU gets forced (Haswell where OpenBLAS is left to itself, so that forcing is
     * exercised on every AVX2 machine), in a fresh JVM, give products as exact as fp32 allows.
     */
    @Test
    void forcedKernelsComputeCorrectProducts() throws IOException, InterruptedException {
        Set<String> flags = NativeLibraries.cpuFlags();
        String forced = OpenBlasCore.choose(flags, NativeLibraries.cpuVendor())
                .orElse(flags.containsAll(NativeLibraries.AVX2) ? "Haswell" : "Prescott");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder probe = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                OpenBlasProbe.class.getName()).redirectErrorStream(true);
        probe.environment().put(OpenBlasCore.VARIABLE, forced);
        Process process = probe.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(value(output, "core")).as(output).isEqualToIgnoringCase(forced);
        assertThat(Double.parseDouble(value(output, "error"))).as(output).isLessThan(1e-5);
    }

    private static String value(String output, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + "=(.*)$").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return m.group(1).strip();
    }
}
