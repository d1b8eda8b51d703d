package org.cnnserve.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LectureChecksTests {

    private static final ArchitectureCatalog CATALOG = ArchitectureCatalog.standard();
    private static List<LectureCheck> checks;
    private static Map<String, LectureCheck> byId;

    @BeforeAll
    static void runOnce() {
        checks = LectureChecks.run(CATALOG);
        byId = checks.stream().collect(Collectors.toMap(LectureCheck::id, Function.identity()));
    }

    @Test
    void everyCheckIsReportedOnceInTheLecturesOrder() {
        assertThat(checks).extracting(LectureCheck::id).containsExactly(
                "alexnet-conv1-output", "alexnet-conv1-parameters",
                "vgg16-parameters", "vgg16-activation-values", "vgg16-activation-memory",
                "inception-naive-depth", "inception-naive-macs", "inception-bottleneck-depth",
                "inception-bottleneck-macs", "googlenet-parameter-ratio", "squeezenet1-0-parameter-ratio");
    }

    @Test
    void alexNetConv1YieldsFiftyFiveByFiftyFiveByNinetySixFromAbout35KParameters() {
        // (227 - 11) / 4 + 1 = 55; 96 filters.
        LectureCheck output = byId.get("alexnet-conv1-output");
        assertThat(output.computed()).isEqualTo(55.0 * 55 * 96);
        assertThat(output.tolerance()).isZero();
        assertThat(output.agrees()).isTrue();
        assertThat(output.explanation()).contains("96x55x55");
        // 11*11*3*96 + 96 = 34,944: "about 35K".
        LectureCheck parameters = byId.get("alexnet-conv1-parameters");
        assertThat(parameters.computed()).isEqualTo(11.0 * 11 * 3 * 96 + 96).isEqualTo(34_944.0);
        assertThat(parameters.lectureFigure()).isEqualTo(new LectureCheck.Figure("about 35K", 35_000));
        assertThat(parameters.status()).isEqualTo("agrees");
    }

    @Test
    void vgg16Has138MillionParameters() {
        LectureCheck check = byId.get("vgg16-parameters");
        // 3x3 convolutions 64,64 | 128,128 | 256 x3 | 512 x3 | 512 x3 with biases, then 25088-4096-4096-1000.
        long conv = conv3(3, 64) + conv3(64, 64) + conv3(64, 128) + conv3(128, 128) + conv3(128, 256)
                + 2 * conv3(256, 256) + conv3(256, 512) + 2 * conv3(512, 512) + 3 * conv3(512, 512);
        long fc = (25_088L * 4096 + 4096) + (4096L * 4096 + 4096) + (4096L * 1000 + 1000);
        assertThat(check.computed()).isEqualTo((double) (conv + fc)).isEqualTo(138_357_544.0);
        assertThat(check.agrees()).isTrue();
    }

    @Test
    void vgg16sActivationsAreAbout15MillionValuesNotTheLectures24Million() {
        // Per image at 224x224: input 3*224^2, then each stage's convolutions and its pool, then 4096+4096+1000.
        long values = 3L * 224 * 224
                + 2L * 64 * 224 * 224 + 64L * 112 * 112
                + 2L * 128 * 112 * 112 + 128L * 56 * 56
                + 3L * 256 * 56 * 56 + 256L * 28 * 28
                + 3L * 512 * 28 * 28 + 512L * 14 * 14
                + 3L * 512 * 14 * 14 + 512L * 7 * 7
                + 4096 + 4096 + 1000;
        assertThat(values).isEqualTo(15_237_608L);
        LectureCheck count = byId.get("vgg16-activation-values");
        assertThat(count.computed()).isEqualTo((double) values);
        assertThat(count.agrees()).isFalse();
        assertThat(count.status()).isEqualTo("disagrees");
        // The lecture's 24M is 57.5% over the true count.
        assertThat(count.difference()).isCloseTo((24e6 - values) / values, within(1e-12)).isCloseTo(0.575, within(0.001));

        LectureCheck memory = byId.get("vgg16-activation-memory");
        assertThat(memory.computed()).isCloseTo(values * 4 / 1e6, within(1e-9)).isCloseTo(60.95, within(0.01));
        assertThat(memory.agrees()).isFalse();
        assertThat(memory.difference()).isCloseTo(0.575, within(0.001));
    }

    @Test
    void theNaiveInceptionModuleIsRightAt854MillionMultiplyAdds() {
        long macs = 28L * 28 * (128 * 256 + 192 * 9 * 256 + 96 * 25 * 256);
        assertThat(macs).isEqualTo(854_196_224L);
        assertThat(byId.get("inception-naive-macs").computed()).isEqualTo((double) macs);
        assertThat(byId.get("inception-naive-macs").agrees()).isTrue();
        // 128 + 192 + 96 + the pool's 256 channels.
        assertThat(byId.get("inception-naive-depth").computed()).isEqualTo(672.0);
        assertThat(byId.get("inception-naive-depth").agrees()).isTrue();
    }

    @Test
    void theBottleneckInceptionModuleNeeds271MillionMultiplyAddsNot358() {
        // Three 1x1 64s on 256 channels (two reductions, the pool projection), the 1x1 128, the 3x3 192
        // and the 5x5 96 on 64 channels.
        long macs = 28L * 28 * (64 * 256 * 3 + 128 * 256 + 192 * 9 * 64 + 96 * 25 * 64);
        assertThat(macs).isEqualTo(271_351_808L);
        LectureCheck check = byId.get("inception-bottleneck-macs");
        assertThat(check.computed()).isEqualTo((double) macs);
        assertThat(check.agrees()).isFalse();
        assertThat(check.difference()).isCloseTo(358e6 / macs - 1, within(1e-12)).isCloseTo(0.319, within(0.001));
        assertThat(byId.get("inception-bottleneck-depth").computed()).isEqualTo(480.0);
        assertThat(byId.get("inception-bottleneck-depth").agrees()).isTrue();
    }

    @Test
    void parameterRatiosAreUnavailableWhenTheCatalogueLacksTheirNetworks() {
        List<LectureCheck> without = LectureChecks.run(ArchitectureCatalog.of(new LeNet5()));
        for (String id : List.of("googlenet-parameter-ratio", "squeezenet1-0-parameter-ratio")) {
            LectureCheck check = without.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
            assertThat(check.status()).isEqualTo("unavailable");
            assertThat(check.computed()).isNull();
            assertThat(check.difference()).isNull();
            assertThat(check.agrees()).isFalse();
            assertThat(check.explanation()).contains("the catalogue has no");
        }
    }

    @Test
    void googLeNetHasNineTimesFewerParametersThanAlexNetNotTwelve() {
        // alexnet2012 60,965,224 / googlenet 6,998,552 (both derived by hand in their own tests).
        LectureCheck check = byId.get("googlenet-parameter-ratio");
        assertThat(check.computed()).isCloseTo(60_965_224.0 / 6_998_552, within(1e-9)).isCloseTo(8.71, within(0.005));
        assertThat(check.agrees()).isFalse();
        assertThat(check.difference()).isCloseTo(12 / (60_965_224.0 / 6_998_552) - 1, within(1e-9));
        assertThat(parameters("googlenet")).isEqualTo(6_998_552);
    }

    @Test
    void squeezeNetHasAboutFiftyTimesFewerParametersThanAlexNet() {
        // alexnet2012 60,965,224 / squeezenet1_0 1,248,424 (torchvision's count).
        LectureCheck check = byId.get("squeezenet1-0-parameter-ratio");
        assertThat(check.computed()).isCloseTo(60_965_224.0 / 1_248_424, within(1e-9)).isCloseTo(48.83, within(0.005));
        assertThat(check.agrees()).isTrue();
        assertThat(parameters("squeezenet1_0")).isEqualTo(1_248_424);
    }

    @Test
    void theTextTableListsEveryCheckWithItsVerdict() {
        String text = TextTables.lectureChecks(checks);
        assertThat(text).contains("vgg16-activation-values", "about 24M values", "15,237,608", "NO", "+57.5%");
        assertThat(text).contains("inception-bottleneck-macs", "271,351,808", "+31.9%");
    }

    private static long parameters(String name) {
        Architecture a = CATALOG.require(name);
        InputShape input = ReferenceInputs.of(a);
        Analysis all = ArchitectureAnalysis.of(a.configuration(input, 1000,
                new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()), input);
        return (all.outputs().size() > 1 ? all.restrictedTo("output") : all).totals().parameters();
    }

    private static long conv3(long in, long out) {
        return 9 * in * out + out;
    }
}
