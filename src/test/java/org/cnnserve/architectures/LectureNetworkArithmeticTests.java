package org.cnnserve.architectures;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The multiply-adds of the lecture's networks that torchvision does not define (the 2012 AlexNet,
 * ZFNet, Network in Network, the paper's GoogLeNet), derived by hand
 * from the papers' layer tables (independently of the DL4J definitions) and compared with the
 * analysis of the built configurations.
 */
class LectureNetworkArithmeticTests {

    private static Analysis analyse(String name, InputShape input) {
        return ArchitectureAnalysis.of(ArchitectureCatalog.standard().require(name)
                .configuration(input, 1000, new NeuralNetConfiguration.Builder().seed(1)), input);
    }

    /** Output positions x filters x (kernel area x input channels seen by each filter). */
    private static long conv(int side, int filters, int kernel, int inputChannelsSeen) {
        return (long) side * side * filters * kernel * kernel * inputChannelsSeen;
    }

    @Test
    void alexNet2012MultiplyAddsFollowFromItsTwoGpuLayout() {
        long conv1 = conv(55, 96, 11, 3);        // 105,415,200
        long conv2 = conv(27, 256, 5, 48);       // grouped: each filter sees 48 of 96 channels
        long conv3 = conv(13, 384, 3, 256);      // sees both halves
        long conv4 = conv(13, 384, 3, 192);      // grouped
        long conv5 = conv(13, 256, 3, 192);      // grouped
        long fc = 6L * 6 * 256 * 4096 + 4096L * 4096 + 4096L * 1000;
        assertThat(conv1).isEqualTo(105_415_200L);
        assertThat(conv1 + conv2 + conv3 + conv4 + conv5 + fc).isEqualTo(724_406_816L);
        assertThat(analyse("alexnet2012", new InputShape(227, 227, 3)).totals().macs()).isEqualTo(724_406_816L);
    }

    @Test
    void zfNetMultiplyAddsFollowFromThePapersMapSizes() {
        // Zeiler & Fergus, Fig. 3: 110x110x96 (7x7/2), 26x26x256 (5x5/2 on 55x55), then 13x13 maps.
        long convs = conv(110, 96, 7, 3) + conv(26, 256, 5, 96) + conv(13, 384, 3, 256) + conv(13, 384, 3, 384)
                + conv(13, 256, 3, 384);
        long fc = 6L * 6 * 256 * 4096 + 4096L * 4096 + 4096L * 1000;
        assertThat(convs + fc).isEqualTo(1_168_032_896L);
        assertThat(analyse("zfnet", new InputShape(224, 224, 3)).totals().macs()).isEqualTo(1_168_032_896L);
    }

    @Test
    void networkInNetworkMultiplyAddsFollowFromItsMlpconvBlocks() {
        // Each mlpconv: a spatial convolution and two 1x1 convolutions; maps 54, 27, 13, 6 at 224.
        long block1 = conv(54, 96, 11, 3) + 2 * conv(54, 96, 1, 96);
        long block2 = conv(27, 256, 5, 96) + 2 * conv(27, 256, 1, 256);
        long block3 = conv(13, 384, 3, 256) + 2 * conv(13, 384, 1, 384);
        long block4 = conv(6, 1024, 3, 384) + conv(6, 1024, 1, 1024) + conv(6, 1000, 1, 1024);
        assertThat(block1 + block2 + block3 + block4).isEqualTo(1_100_188_800L);
        assertThat(analyse("nin", new InputShape(224, 224, 3)).totals().macs()).isEqualTo(1_100_188_800L);
    }

    @Test
    void googLeNetMultiplyAddsFollowFromTable1OfThePaper() {
        long stem = conv(112, 64, 7, 3) + conv(56, 64, 1, 64) + conv(56, 192, 3, 64);
        // Table 1: input channels, #1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj.
        long modules = inception(28, 192, 64, 96, 128, 16, 32, 32)      // 3a -> 256
                + inception(28, 256, 128, 128, 192, 32, 96, 64)       // 3b -> 480
                + inception(14, 480, 192, 96, 208, 16, 48, 64)        // 4a -> 512
                + inception(14, 512, 160, 112, 224, 24, 64, 64)       // 4b
                + inception(14, 512, 128, 128, 256, 24, 64, 64)       // 4c
                + inception(14, 512, 112, 144, 288, 32, 64, 64)       // 4d -> 528
                + inception(14, 528, 256, 160, 320, 32, 128, 128)     // 4e -> 832
                + inception(7, 832, 256, 160, 320, 32, 128, 128)      // 5a
                + inception(7, 832, 384, 192, 384, 48, 128, 128);     // 5b -> 1024
        long fc = 1024L * 1000;
        assertThat(analyse("googlenet", new InputShape(224, 224, 3)).totals().macs())
                .isEqualTo(stem + modules + fc);
    }

    private static long inception(int side, int in, int n1, int r3, int n3, int r5, int n5, int pool) {
        return conv(side, n1, 1, in) + conv(side, r3, 1, in) + conv(side, n3, 3, r3)
                + conv(side, r5, 1, in) + conv(side, n5, 5, r5) + conv(side, pool, 1, in);
    }

    @Test
    void vgg16ActivationsAreTheLayerOutputsOfTheLecturesTable() {
        // conv outputs by stage (2, 2, 3, 3, 3 layers) + the five pools + fc 4096, 4096, 1000.
        long convs = 2L * 224 * 224 * 64 + 2L * 112 * 112 * 128 + 3L * 56 * 56 * 256 + 3L * 28 * 28 * 512
                + 3L * 14 * 14 * 512;
        long pools = 112L * 112 * 64 + 56L * 56 * 128 + 28L * 28 * 256 + 14L * 14 * 512 + 7L * 7 * 512;
        long fcs = 4096 + 4096 + 1000;
        Analysis vgg = analyse("vgg16", new InputShape(224, 224, 3));
        long counted = vgg.rows().stream().filter(r -> r.kind().equals("conv") || r.kind().equals("pool")
                || r.kind().equals("fc")).mapToLong(Analysis.Row::activations).sum();
        assertThat(counted).isEqualTo(convs + pools + fcs);
        assertThat(counted + 224L * 224 * 3).isEqualTo(15_237_608L);
    }
}
