package org.cnnserve.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cnnserve.architectures.Networks.IMAGENET;

import org.junit.jupiter.api.Test;

class NetworkInNetworkTests {

    private final NetworkInNetwork nin = new NetworkInNetwork();

    @Test
    void ninHasTheParametersOfItsFourMlpconvBlocks() {
        long block1 = (11 * 11 * 3 * 96 + 96) + 2 * (96 * 96 + 96);          //    34,944 + 2 * 9,312 =    53,568
        long block2 = (5 * 5 * 96 * 256 + 256) + 2 * (256 * 256 + 256);      //   614,656 + 2 * 65,792 =  746,240
        long block3 = (3 * 3 * 256 * 384 + 384) + 2 * (384 * 384 + 384);    //  885,120 + 2 * 147,840 = 1,180,800
        long block4 = (3 * 3 * 384 * 1024 + 1024) + (1024 * 1024 + 1024)    // 3,539,968 + 1,049,600
                + (1024 * 1000 + 1000);                                      //   + 1,025,000 = 5,614,568
        assertThat(Networks.parameters(nin, IMAGENET, 1000))
                .isEqualTo(block1 + block2 + block3 + block4)
                .isEqualTo(7_595_176L);
    }

    @Test
    void ninPoolsWithCaffesCeilRoundingTo6x6ClassMapsAt224() {
        var conf = nin.configuration(IMAGENET, 1000, Networks.base());
        assertThat(Networks.side(conf, IMAGENET, "cccp2")).isEqualTo(54);
        assertThat(Networks.side(conf, IMAGENET, "pool1")).isEqualTo(27);
        assertThat(Networks.side(conf, IMAGENET, "pool2")).isEqualTo(13);
        assertThat(Networks.side(conf, IMAGENET, "pool3")).isEqualTo(6);
        assertThat(Networks.side(conf, IMAGENET, "cccp8")).isEqualTo(6);
        assertThat(Networks.channels(conf, IMAGENET, "cccp8")).isEqualTo(1000);
    }

    @Test
    void ninYieldsProbabilitiesAtFullSizeAndAtItsMinimumInput() {
        Networks.assertForwardPassYieldsProbabilities(nin, IMAGENET, 1000, 1);
        Networks.assertForwardPassYieldsProbabilities(nin, new InputShape(55, 55, 3), 10, 2);
        assertThatThrownBy(() -> nin.configuration(new InputShape(54, 54, 3), 10, Networks.base()))
                .hasMessageContaining("at least 55x55");
    }
}
