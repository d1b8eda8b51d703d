package org.cnnserve.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.cnnserve.IntegrationTest;
import org.junit.jupiter.api.Test;

/** The test JVM runs with the Vector API module (see the pom's surefire argLine), as the bench's command does. */
@IntegrationTest
class FmaPeakTests {

    @Test
    void measuresVectorFmaThroughputWhenTheModuleIsPresent() {
        OptionalDouble peak = FmaPeak.gflops(1, 0.5);

        assertThat(peak).isPresent();
        // One core's vector FMA rate: at least 8 lanes x 2 flops at 1 GHz, even on a slow shared core.
        assertThat(peak.getAsDouble()).isGreaterThan(16);
    }
}
