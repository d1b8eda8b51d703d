package org.cnnserve.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cnnserve.architectures.Networks.IMAGENET;

import org.cnnserve.IntegrationTest;
import org.junit.jupiter.api.Test;

@IntegrationTest
class VggTests {

    private final Vgg vgg16 = new Vgg("vgg16", 2, 2, 3, 3, 3);
    private final Vgg vgg19 = new Vgg("vgg19", 2, 2, 4, 4, 4);

    @Test
    void vgg16AndVgg19HaveTorchvisionsParameterCounts() {
        assertThat(Networks.parameters(vgg16, IMAGENET, 1000)).isEqualTo(138_357_544L);
        // VGG-19 adds conv3_4 (3*3*256*256+256 = 590,080) and conv4_4, conv5_4 (2,359,808 each).
        assertThat(Networks.parameters(vgg19, IMAGENET, 1000))
                .isEqualTo(138_357_544L + 590_080 + 2 * 2_359_808)
                .isEqualTo(143_667_240L);
    }

    @Test
    void vgg16And19YieldProbabilitiesAtFullSize() {
        Networks.assertForwardPassYieldsProbabilities(vgg16, IMAGENET, 1000, 1);
        Networks.assertForwardPassYieldsProbabilities(vgg19, IMAGENET, 1000, 1);
    }

    @Test
    void vggRunsAtItsMinimumInputOf32AndRejectsSmallerOnes() {
        Networks.assertForwardPassYieldsProbabilities(vgg16, new InputShape(32, 32, 3), 10, 2);
        assertThatThrownBy(() -> vgg19.configuration(new InputShape(31, 32, 3), 10, Networks.base()))
                .hasMessage("vgg19 downsamples 32x and needs an input of at least 32x32, was 31x32x3");
    }

    @Test
    void vggStagesCloseWithPoolsThatHalveTheMaps() {
        var conf = vgg19.configuration(IMAGENET, 1000, Networks.base());
        assertThat(Networks.side(conf, IMAGENET, "conv1_2")).isEqualTo(224);
        assertThat(Networks.side(conf, IMAGENET, "conv3_4")).isEqualTo(56);
        assertThat(Networks.side(conf, IMAGENET, "pool5")).isEqualTo(7);
        assertThat(vgg19.description()).startsWith("VGG-19");
    }
}
