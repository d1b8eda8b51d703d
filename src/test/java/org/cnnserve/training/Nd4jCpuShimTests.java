package org.cnnserve.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shim in {@code src/shim/java} answers a lookup that DL4J 1.0.0-M2.1 makes under a name ND4J
 * does not ship. These tests fail when either half of that stops being true, which is when the
 * shim should be deleted.
 */
class Nd4jCpuShimTests {

    private static final String LOOKED_UP = "org.nd4j.nativeblas.Nd4jCpu$Environment";
    private static final String HELPER = "org/deeplearning4j/nn/layers/mkldnn/BaseMKLDNNHelper.class";

    @Test
    void dl4jStillLooksTheEnvironmentUpUnderTheShimsName() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(HELPER)) {
            assertThat(in).as("DL4J's BaseMKLDNNHelper is gone: check whether the shim is still needed").isNotNull();
            String constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(constants)
                    .as("DL4J no longer loads %s by name: delete src/shim/java and its pom.xml entry", LOOKED_UP)
                    .contains(LOOKED_UP);
        }
    }

    @Test
    void theOnlyClassUnderThatNameIsTheShim() throws IOException {
        List<URL> copies = Collections.list(getClass().getClassLoader()
                .getResources(LOOKED_UP.replace('.', '/') + ".class"));
        assertThat(copies)
                .as("ND4J ships %s itself now: delete src/shim/java and its pom.xml entry", LOOKED_UP)
                .singleElement()
                .satisfies(url -> assertThat(url.toString()).doesNotContain(".jar"));
    }
}
