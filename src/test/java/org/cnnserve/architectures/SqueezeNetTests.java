package org.cnnserve.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cnnserve.architectures.Networks.IMAGENET;

import org.junit.jupiter.api.Test;

class SqueezeNetTests {

    @Test
    void squeezeNetsHaveTorchvisionsParameterCounts() {
        assertThat(Networks.parameters(SqueezeNet.v10(), IMAGENET, 1000)).isEqualTo(1_248_424L);
        assertThat(Networks.parameters(SqueezeNet.v11(), IMAGENET, 1000)).isEqualTo(1_235_496L);
    }

    @Test
    void squeezeNetPoolsRoundUpAsTorchvisionsCeilModeDoes() {
        var v10 = SqueezeNet.v10().configuration(IMAGENET, 1000, Networks.base());
        assertThat(Networks.side(v10, IMAGENET, "conv1")).isEqualTo(109);
        assertThat(Networks.side(v10, IMAGENET, "pool1")).isEqualTo(54);
        assertThat(Networks.side(v10, IMAGENET, "pool2")).isEqualTo(27);
        assertThat(Networks.side(v10, IMAGENET, "pool3")).isEqualTo(13);
        assertThat(Networks.channels(v10, IMAGENET, "fire9")).isEqualTo(512);
        var v11 = SqueezeNet.v11().configuration(IMAGENET, 1000, Networks.base());
        assertThat(Networks.side(v11, IMAGENET, "conv1")).isEqualTo(111);
        assertThat(Networks.side(v11, IMAGENET, "pool1")).isEqualTo(55);
        assertThat(Networks.side(v11, IMAGENET, "pool2")).isEqualTo(27);
        assertThat(Networks.side(v11, IMAGENET, "pool3")).isEqualTo(13);
        assertThat(Networks.side(v11, IMAGENET, "conv10")).isEqualTo(13);
    }

    @Test
    void squeezeNetsYieldProbabilitiesAtFullSize() {
        Networks.assertForwardPassYieldsProbabilities(SqueezeNet.v10(), IMAGENET, 1000, 1);
        Networks.assertForwardPassYieldsProbabilities(SqueezeNet.v11(), IMAGENET, 1000, 1);
    }

    @Test
    void squeezeNetsRunAtTheirMinimumInputsAndRejectSmallerOnes() {
        Networks.assertForwardPassYieldsProbabilities(SqueezeNet.v10(), new InputShape(29, 29, 3), 10, 2);
        Networks.assertForwardPassYieldsProbabilities(SqueezeNet.v11(), new InputShape(25, 25, 3), 10, 2);
        assertThatThrownBy(() -> SqueezeNet.v10().configuration(new InputShape(28, 64, 3), 10, Networks.base()))
                .hasMessageContaining("at least 29x29");
        assertThatThrownBy(() -> SqueezeNet.v11().configuration(new InputShape(64, 24, 3), 10, Networks.base()))
                .hasMessageContaining("at least 25x25");
    }
}
