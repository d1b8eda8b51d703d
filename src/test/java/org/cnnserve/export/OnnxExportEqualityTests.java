package org.cnnserve.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cnnserve.export.OnnxRuntimeCheck.assertExportComputesWhatDl4jComputes;

import java.util.List;
import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exported graph, run by ONNX Runtime, computes what the DL4J graph computes (see
 * {@link OnnxRuntimeCheck} for "equal"): the catalogue architectures that are small at their
 * smallest input, and the shipped Fashion-MNIST models with their trained weights, on random images
 * and on real ones. {@link OnnxExportCatalogueEqualityTests} covers the rest.
 */
class OnnxExportEqualityTests {

    static List<String> fastArchitectures() {
        return ExportCases.fastArchitectures().toList();
    }

    static List<String> smallShippedVersions() {
        return ExportCases.shippedVersions(true);
    }

    @ParameterizedTest
    @MethodSource("fastArchitectures")
    void anArchitectureExportsToWhatDl4jComputes(String name) {
        Architecture architecture = ArchitectureCatalog.standard().require(name);
        InputShape input = ExportCases.smallestInput(architecture);

        assertExportComputesWhatDl4jComputes(ExportCases.seeded(architecture, input), input, ExportCases.CLASSES,
                ExportCases.randomImages(input, 4, 11));
    }

    @ParameterizedTest
    @MethodSource("smallShippedVersions")
    void aShippedModelExportsToWhatDl4jComputesOnRandomAndRealImages(String version) {
        ExportedNetwork network = ExportCases.shipped(version);

        assertExportComputesWhatDl4jComputes(network.graph(), network.input(), network.classes(),
                ExportCases.randomImages(network.input(), 4, 13));
        assertExportComputesWhatDl4jComputes(network.graph(), network.input(), network.classes(),
                ExportCases.fashionImages(ExportCases.preprocessing(version), 8));
    }

    @Test
    void theEqualityTestsCoverEveryArchitectureAndEveryShippedVersion() {
        assertThat(ExportCases.fastArchitectures().toList()).doesNotContainAnyElementsOf(
                ExportCases.slowArchitectures().toList());
        assertThat(ExportCases.fastArchitectures().count() + ExportCases.slowArchitectures().count())
                .isEqualTo(ArchitectureCatalog.standard().all().size());
        assertThat(ExportCases.shippedVersions(true)).contains("vgg-fashion/1", "vgg-fashion/2", "lenet5-fashion/1");
        assertThat(ExportCases.shippedVersions(false)).contains("resnet50/1");
    }
}
