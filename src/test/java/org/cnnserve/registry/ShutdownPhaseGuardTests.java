package org.cnnserve.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ShutdownPhaseGuardTests {

    @Test
    void aPhaseShorterThanTheLongestRequestTimeoutIsWidenedToItPlusTheMargin() {
        // resnet50's 60 s against the 40 s phase application.yaml shipped with
        assertThat(ShutdownPhaseGuard.widened(Duration.ofSeconds(40),
                Stream.of(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30))))
                .contains(Duration.ofSeconds(65));
    }

    @Test
    void aPhaseLongEnoughIsLeftAlone() {
        assertThat(ShutdownPhaseGuard.widened(Duration.ofSeconds(65), Stream.of(Duration.ofSeconds(60)))).isEmpty();
    }
}
