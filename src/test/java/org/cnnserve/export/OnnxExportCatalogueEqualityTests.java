package org.cnnserve.export;

import static org.cnnserve.export.OnnxRuntimeCheck.assertExportComputesWhatDl4jComputes;

import java.util.List;
import org.cnnserve.IntegrationTest;
import org.cnnserve.architectures.Architecture;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.cnnserve.architectures.InputShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * As {@link OnnxExportEqualityTests}, for the catalogue's large networks (tens of millions of
 * weights even at their smallest input) and the shipped ImageNet-sized model versions.
 */
@IntegrationTest
class OnnxExportCatalogueEqualityTests {

    static List<String> slowArchitectures() {
        return ExportCases.slowArchitectures().toList();
    }

    static List<String> largeShippedVersions() {
        return ExportCases.shippedVersions(false);
    }

    @ParameterizedTest
    @MethodSource("slowArchitectures")
    void anArchitectureExportsToWhatDl4jComputes(String name) {
        Architecture architecture = ArchitectureCatalog.standard().require(name);
        InputShape input = ExportCases.smallestInput(architecture);

        assertExportComputesWhatDl4jComputes(ExportCases.seeded(architecture, input), input, ExportCases.CLASSES,
                ExportCases.randomImages(input, 2, 11));
    }

    @ParameterizedTest
    @MethodSource("largeShippedVersions")
    void aShippedModelExportsToWhatDl4jComputes(String version) {
        ExportedNetwork network = ExportCases.shipped(version);

        assertExportComputesWhatDl4jComputes(network.graph(), network.input(), network.classes(),
                ExportCases.randomImages(network.input(), 2, 13));
    }
}
