package org.cnnserve.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchOptionsTests {

    private static final Set<String> KNOWN = Set.of("--names", "--batch-sizes", "--seconds");

    @Test
    void readsEachKindOfValueAndFallsBackToTheDefaults() {
        BenchOptions options = BenchOptions.parse(new String[] {"--names", "vgg16,lenet5", "--batch-sizes", "1,8"},
                KNOWN);

        assertThat(options.list("--names", List.of())).containsExactly("vgg16", "lenet5");
        assertThat(options.positiveIntegers("--batch-sizes", 32)).containsExactly(1, 8);
        assertThat(options.positive("--seconds", 3)).isEqualTo(3);
    }

    @Test
    void refusesUnknownOptionsAndMissingValues() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--name", "vgg16"}, KNOWN))
                .hasMessage("unknown option '--name'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--seconds"}, KNOWN))
                .hasMessage("--seconds needs a value");
    }

    @Test
    void namesTheOptionWhoseValueIsBad() {
        BenchOptions options = BenchOptions.parse(new String[] {"--batch-sizes", "1,x", "--seconds", "0"}, KNOWN);

        assertThatThrownBy(() -> options.positiveIntegers("--batch-sizes")).hasMessage("--batch-sizes takes integers, was 'x'");
        assertThatThrownBy(() -> options.positive("--seconds", 3)).hasMessage("--seconds must be positive, was 0.0");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--batch-sizes", "8,0"}, KNOWN)
                .positiveIntegers("--batch-sizes")).hasMessage("--batch-sizes takes positive integers, was '8,0'");
    }
}
