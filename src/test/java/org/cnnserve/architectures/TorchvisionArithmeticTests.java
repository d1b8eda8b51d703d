package org.cnnserve.architectures;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * torchvision's published figures for the networks it defines, at 224x224x3 and 1000 classes:
 * the parameter count (num_params) and GFLOPS, which torchvision computes as multiply-adds of
 * convolutions and fully connected layers, published to two decimals in its model table (three in
 * the weights' metadata where given here). The analysis must give both, to every digit, from the
 * configuration alone.
 */
class TorchvisionArithmeticTests {

    static Stream<Arguments> published() {
        return Stream.of(
                Arguments.of("alexnet", 61_100_840L, "0.71"),
                Arguments.of("vgg16", 138_357_544L, "15.47"),
                Arguments.of("vgg19", 143_667_240L, "19.63"),
                Arguments.of("resnet18", 11_689_512L, "1.814"),
                Arguments.of("resnet34", 21_797_672L, "3.66"),
                Arguments.of("resnet50", 25_557_032L, "4.089"),
                Arguments.of("resnet101", 44_549_160L, "7.80"),
                Arguments.of("resnet152", 60_192_808L, "11.514"),
                Arguments.of("wide_resnet50_2", 68_883_240L, "11.40"),
                Arguments.of("resnext50_32x4d", 25_028_904L, "4.23"),
                Arguments.of("densenet121", 7_978_856L, "2.83"),
                Arguments.of("squeezenet1_0", 1_248_424L, "0.82"),
                Arguments.of("squeezenet1_1", 1_235_496L, "0.35"));
    }

    @ParameterizedTest(name = "{0}: {1} parameters, {2} GMACs")
    @MethodSource("published")
    void parametersAndMultiplyAddsEqualTorchvisionsPublishedFigures(String name, long parameters, String gmacs) {
        InputShape input = new InputShape(224, 224, 3);
        Analysis analysis = ArchitectureAnalysis.of(ArchitectureCatalog.standard().require(name)
                .configuration(input, 1000, new NeuralNetConfiguration.Builder().seed(1)), input);
        BigDecimal published = new BigDecimal(gmacs);
        BigDecimal computed = BigDecimal.valueOf(analysis.totals().macs())
                .divide(BigDecimal.valueOf(1_000_000_000L))
                .setScale(published.scale(), RoundingMode.HALF_EVEN);
        assertThat(analysis.totals().parameters()).isEqualTo(parameters);
        assertThat(computed).as("GMACs of %s (%,d MACs)", name, analysis.totals().macs()).isEqualTo(published);
    }
}
