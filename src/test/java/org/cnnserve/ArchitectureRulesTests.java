package org.cnnserve;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout's promises, checked on the compiled main classes: the serving core (batcher, workers)
 * knows no engine and no HTTP; only the web layer speaks HTTP; features do not depend on each other
 * in a circle.
 */
class ArchitectureRulesTests {

    private static final String[] HTTP_TYPES = {
            "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..", "org.cnnserve.web.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.cnnserve");
    }

    @Test
    void theServingCoreImportsNoEngineAndNoWebType() {
        noClasses().that().resideInAPackage("org.cnnserve.serving..")
                .should().dependOnClassesThat().resideInAnyPackage("org.cnnserve.engine..", "org.deeplearning4j..",
                        "org.nd4j..", "ai.onnxruntime..")
                .orShould().dependOnClassesThat().resideInAnyPackage(HTTP_TYPES)
                .because("the batcher and workers run any engine behind BatchModel, and know nothing of HTTP")
                .check(classes);
    }

    @Test
    void onlyTheWebLayerImportsWebTypes() {
        noClasses().that().resideOutsideOfPackage("org.cnnserve.web..")
                .should().dependOnClassesThat().resideInAnyPackage(HTTP_TYPES)
                .because("HTTP requests, responses and problem documents are the web layer's business")
                .check(classes);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("org.cnnserve.(*)..").should().beFreeOfCycles().check(classes);
    }
}
