package org.cnnserve.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

class NativeLibrariesTests {

    private static final Set<String> AVX512_CPU = Set.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw",
            "avx512vl", "avx512dq");
    private static final Set<String> AVX2_CPU = Set.of("sse4_2", "avx", "avx2", "fma");

    @Test
    void anAvx512CpuGetsTheAvx512OneDnnBuild() {
        assertThat(NativeLibraries.choose(AVX512_CPU, build -> true)).isEqualTo("-onednn-avx512");
    }

    @Test
    void anAvx2CpuGetsTheAvx2OneDnnBuild() {
        assertThat(NativeLibraries.choose(AVX2_CPU, build -> true)).isEqualTo("-onednn-avx2");
    }

    @Test
    void anAvx512CpuFallsBackToTheAvx2BuildWhenOnlyThatIsOnTheClassPath() {
        assertThat(NativeLibraries.choose(AVX512_CPU, build -> build.equals("-onednn-avx2"))).isEqualTo("-onednn-avx2");
    }

    @Test
    void anOlderCpuOrAMissingBuildGetsThePlainOne() {
        assertThat(NativeLibraries.choose(Set.of("sse4_2", "avx"), build -> true)).isEmpty();
        assertThat(NativeLibraries.choose(AVX2_CPU, build -> false)).isEmpty();
    }

    @Test
    void theBuildThatLoadedIsTheOneChosen() {
        String chosen = NativeLibraries.select();
        Nd4j.getBackend(); // loads the native library, and the backend's properties NativeOpsHolder reads
        String buildInfo = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        assertThat(buildInfo.contains("HAVE_ONEDNN")).as(buildInfo).isEqualTo(chosen.startsWith("-onednn"));
    }
}
