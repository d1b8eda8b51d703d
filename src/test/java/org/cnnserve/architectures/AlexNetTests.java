package org.cnnserve.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cnnserve.architectures.Networks.IMAGENET;

import org.cnnserve.IntegrationTest;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.junit.jupiter.api.Test;

/** AlexNet as published, torchvision's AlexNet and ZFNet. */
@IntegrationTest
class AlexNetTests {

    private static final InputShape ALEXNET_2012 = new InputShape(227, 227, 3);

    @Test
    void publishedAlexNetHasTheParametersOfItsTwoGroupLayers() {
        long conv1 = 11 * 11 * 3 * 96 + 96;                   //     34,944
        long conv2 = 2 * (5 * 5 * 48 * 128 + 128);            //    307,456: 2 groups of 153,728
        long conv3 = 3 * 3 * 256 * 384 + 384;                 //    885,120: sees both groups
        long conv4 = 2 * (3 * 3 * 192 * 192 + 192);           //    663,936: 2 groups of 331,968
        long conv5 = 2 * (3 * 3 * 192 * 128 + 128);           //    442,624: 2 groups of 221,312
        long fc6 = 256L * 6 * 6 * 4096 + 4096;                // 37,752,832: 6x6 maps after pool5
        long fc7 = 4096L * 4096 + 4096;                       // 16,781,312
        long fc8 = 4096L * 1000 + 1000;                       //  4,097,000
        assertThat(Networks.parameters(new AlexNet2012(), ALEXNET_2012, 1000))
                .isEqualTo(conv1 + conv2 + conv3 + conv4 + conv5 + fc6 + fc7 + fc8)
                .isEqualTo(60_965_224L);
    }

    @Test
    void publishedAlexNetHasThePapersMapSizesAt227() {
        var conf = new AlexNet2012().configuration(ALEXNET_2012, 1000, Networks.base());
        assertThat(Networks.side(conf, ALEXNET_2012, "conv1")).isEqualTo(55);
        assertThat(Networks.side(conf, ALEXNET_2012, "pool1")).isEqualTo(27);
        assertThat(Networks.side(conf, ALEXNET_2012, "conv2")).isEqualTo(27);
        assertThat(Networks.side(conf, ALEXNET_2012, "pool2")).isEqualTo(13);
        assertThat(Networks.side(conf, ALEXNET_2012, "conv5")).isEqualTo(13);
        assertThat(Networks.side(conf, ALEXNET_2012, "pool5")).isEqualTo(6);
    }

    @Test
    void publishedAlexNetsGroupsEachSeeHalfTheChannelsAndSurviveAJsonRoundTrip() {
        var conf = new AlexNet2012().configuration(ALEXNET_2012, 1000, Networks.base());
        assertThat(conf.getVertices().get("conv2_g2_in")).isInstanceOf(SubsetVertex.class)
                .extracting("from", "to").containsExactly(48, 95);
        assertThat(conf.getVertices().get("conv4")).isInstanceOf(MergeVertex.class);
        assertThat(Networks.channels(conf, ALEXNET_2012, "conv2_g2_in")).isEqualTo(48);
        assertThat(Networks.channels(conf, ALEXNET_2012, "conv4_g1_in")).isEqualTo(192);
        assertThat(Networks.channels(conf, ALEXNET_2012, "conv4")).isEqualTo(384);
        // Saved models store this JSON (ModelSerializer) and are restored from it.
        var restored = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertThat(restored.getVertices().get("conv5_g1_in")).isEqualTo(conf.getVertices().get("conv5_g1_in"))
                .isInstanceOf(ChannelSubsetVertex.class);
        assertThat(restored.toJson()).isEqualTo(conf.toJson());
    }

    @Test
    void publishedAlexNetYieldsProbabilitiesAtFullSizeAndAtItsMinimumInput() {
        Networks.assertForwardPassYieldsProbabilities(new AlexNet2012(), ALEXNET_2012, 1000, 1);
        Networks.assertForwardPassYieldsProbabilities(new AlexNet2012(), new InputShape(67, 67, 3), 10, 2);
        assertThatThrownBy(() -> new AlexNet2012().configuration(new InputShape(66, 67, 3), 10, Networks.base()))
                .hasMessageContaining("at least 67x67");
    }

    @Test
    void torchvisionAlexNetHasTorchvisionsParameterCount() {
        // conv 23,296 + 307,392 + 663,936 + 884,992 + 590,080; fc 37,752,832 + 16,781,312 + 4,097,000
        assertThat(Networks.parameters(new AlexNet(), IMAGENET, 1000)).isEqualTo(61_100_840L);
    }

    @Test
    void torchvisionAlexNetYieldsProbabilitiesAtFullSizeAndAtItsMinimumInput() {
        Networks.assertForwardPassYieldsProbabilities(new AlexNet(), IMAGENET, 1000, 1);
        Networks.assertForwardPassYieldsProbabilities(new AlexNet(), new InputShape(63, 63, 3), 10, 2);
        assertThatThrownBy(() -> new AlexNet().configuration(new InputShape(63, 62, 3), 10, Networks.base()))
                .hasMessageContaining("at least 63x63");
    }

    @Test
    void zfNetHasTheParametersOfItsDenseLayers() {
        long conv1 = 7 * 7 * 3 * 96 + 96;                     //     14,208
        long conv2 = 5 * 5 * 96 * 256 + 256;                  //    614,656
        long conv3 = 3 * 3 * 256 * 384 + 384;                 //    885,120
        long conv4 = 3 * 3 * 384 * 384 + 384;                 //  1,327,488
        long conv5 = 3 * 3 * 384 * 256 + 256;                 //    884,992
        long fc6 = 256L * 6 * 6 * 4096 + 4096;                // 37,752,832
        long fc7 = 4096L * 4096 + 4096;                       // 16,781,312
        long fc8 = 4096L * 1000 + 1000;                       //  4,097,000
        assertThat(Networks.parameters(new ZFNet(), IMAGENET, 1000))
                .isEqualTo(conv1 + conv2 + conv3 + conv4 + conv5 + fc6 + fc7 + fc8)
                .isEqualTo(62_357_608L);
    }

    @Test
    void zfNetHasThePapersMapSizesAt224() {
        var conf = new ZFNet().configuration(IMAGENET, 1000, Networks.base());
        assertThat(Networks.side(conf, IMAGENET, "conv1")).isEqualTo(110);
        assertThat(Networks.side(conf, IMAGENET, "pool1")).isEqualTo(55);
        assertThat(Networks.side(conf, IMAGENET, "conv2")).isEqualTo(26);
        assertThat(Networks.side(conf, IMAGENET, "pool2")).isEqualTo(13);
        assertThat(Networks.side(conf, IMAGENET, "conv5")).isEqualTo(13);
        assertThat(Networks.side(conf, IMAGENET, "pool5")).isEqualTo(6);
    }

    @Test
    void zfNetYieldsProbabilitiesAtFullSizeAndAtItsMinimumInput() {
        Networks.assertForwardPassYieldsProbabilities(new ZFNet(), IMAGENET, 1000, 1);
        Networks.assertForwardPassYieldsProbabilities(new ZFNet(), new InputShape(53, 53, 3), 10, 2);
        assertThatThrownBy(() -> new ZFNet().configuration(new InputShape(52, 52, 3), 10, Networks.base()))
                .hasMessageContaining("at least 53x53");
    }
}
