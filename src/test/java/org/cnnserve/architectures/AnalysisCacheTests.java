package org.cnnserve.architectures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AnalysisCacheTests {

    private final ArchitectureCatalog catalog = ArchitectureCatalog.standard();
    private final Architecture lenet = catalog.require("lenet5");
    private final InputShape mnist = new InputShape(28, 28, 1);

    @Test
    void aRepeatedRequestIsAnsweredWithTheSameAnalysis() {
        AnalysisCache cache = new AnalysisCache(4, Runnable::run);
        Analysis first = cache.get(lenet, mnist, 10);
        assertThat(cache.get(lenet, mnist, 10)).isSameAs(first);
        assertThat(cache.get(lenet, mnist, 7)).isNotSameAs(first);
    }

    @Test
    void theCacheKeepsNoMoreAnalysesThanItsBound() {
        AnalysisCache cache = new AnalysisCache(2, Runnable::run);
        for (int classes = 2; classes <= 6; classes++) {
            cache.get(lenet, mnist, classes);
        }
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThatThrownBy(() -> new AnalysisCache(0, Runnable::run))
                .hasMessage("the analysis cache must hold at least 1 analysis, was 0");
    }

    @Test
    void anInputTheArchitectureCannotTakeIsRefusedWithItsRule() {
        AnalysisCache cache = new AnalysisCache(4, Runnable::run);
        assertThatThrownBy(() -> cache.get(catalog.require("resnet50"), new InputShape(16, 16, 3), 1000))
                .isInstanceOf(ImpossibleInputShapeException.class)
                .hasMessageContaining("resnet50 cannot take a 16x16x3 input")
                .hasMessageContaining("at least 32x32");
        assertThat(cache.size()).isZero();
    }
}
