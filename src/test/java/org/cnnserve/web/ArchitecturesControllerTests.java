package org.cnnserve.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.cnnserve.architectures.ArchitectureCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/** The architectures' arithmetic over HTTP: JSON, the text table, and every way a request can be wrong. */
@WebMvcTest(ArchitecturesController.class)
@Import({ProblemHandler.class, ArchitecturesControllerTests.Beans.class})
class ArchitecturesControllerTests {

    static class Beans {
        @Bean
        ArchitectureCatalog architectureCatalog() {
            return ArchitectureCatalog.standard();
        }

        @Bean
        ApiProperties apiProperties() {
            return new ApiProperties(Duration.ofSeconds(1));
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void theListNamesEachArchitectureWithItsReferenceInput() throws Exception {
        mvc.perform(get("/v1/architectures"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.architectures[?(@.name == 'resnet50')].reference_input").value(hasItem("224x224x3")))
                .andExpect(jsonPath("$.architectures[?(@.name == 'lenet5')].reference_input").value(hasItem("28x28x1")))
                .andExpect(jsonPath("$.architectures[0].description").isString());
    }

    @Test
    void anAnalysisIsJsonInSnakeCaseByDefault() throws Exception {
        mvc.perform(get("/v1/architectures/resnet50"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", startsWith("application/json")))
                .andExpect(jsonPath("$.name").value("resnet50"))
                .andExpect(jsonPath("$.input").value("224x224x3"))
                .andExpect(jsonPath("$.classes").value(1000))
                .andExpect(jsonPath("$.outputs[0]").value("output"))
                .andExpect(jsonPath("$.layers[0].name").value("stem_conv"))
                .andExpect(jsonPath("$.layers[0].kind").value("conv"))
                .andExpect(jsonPath("$.layers[0].output[0]").value(64))
                .andExpect(jsonPath("$.layers[0].output[1]").value(112))
                .andExpect(jsonPath("$.layers[0].receptive_field").value(7))
                .andExpect(jsonPath("$.totals.parameters").value(25_557_032L))
                .andExpect(jsonPath("$.totals.buffers").value(53_120))
                .andExpect(jsonPath("$.totals.macs").value(4_089_184_256L))
                .andExpect(jsonPath("$.totals.input_elements").value(150_528))
                .andExpect(jsonPath("$.totals.parameter_bytes").value(4L * 25_557_032L));
    }

    @Test
    void inputAndClassesChangeTheAnalysis() throws Exception {
        mvc.perform(get("/v1/architectures/lenet5").param("input", "32x32x1").param("classes", "7"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.input").value("32x32x1"))
                .andExpect(jsonPath("$.layers[0].output[1]").value(32))
                .andExpect(jsonPath("$.layers[6].output[0]").value(7))
                // C5 now sees 16x6x6: 576*120+120, and F6, output 84*7+7.
                .andExpect(jsonPath("$.totals.parameters").value(156 + 2416 + 69_240 + 10_164 + 595));
    }

    @Test
    void textPlainGetsAnAlignedTableWithTotals() throws Exception {
        String text = mvc.perform(get("/v1/architectures/lenet5").accept("text/plain"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", startsWith("text/plain")))
                .andReturn().getResponse().getContentAsString();
        assertThat(text).startsWith("lenet5 at 28x28x1, 1000 classes");
        assertThat(text).contains("layer", "RF", "c1", "total", "MACs 499,680");
        assertThat(text.lines().filter(l -> l.startsWith("c1 ")).findFirst().orElseThrow())
                .matches("c1 +conv +6x28x28 +156 +117,600 +4,704 +5");
    }

    @Test
    void theAcceptHeadersPreferenceDecides() {
        assertThat(ArchitecturesController.wantsText(null)).isFalse();
        assertThat(ArchitecturesController.wantsText("*/*")).isFalse();
        assertThat(ArchitecturesController.wantsText("text/plain")).isTrue();
        assertThat(ArchitecturesController.wantsText("text/*")).isTrue();
        assertThat(ArchitecturesController.wantsText("application/json, text/plain;q=0.5")).isFalse();
        assertThat(ArchitecturesController.wantsText("text/plain, */*;q=0.1")).isTrue();
        assertThat(ArchitecturesController.wantsText("text/html,application/xhtml+xml,*/*;q=0.8")).isFalse();
        assertThat(ArchitecturesController.wantsText("not a media type")).isFalse();
    }

    @Test
    void lectureChecksComeAsJsonAndAsText() throws Exception {
        mvc.perform(get("/v1/architectures/lecture-checks"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.checks[0].id").value("alexnet-conv1-output"))
                .andExpect(jsonPath("$.checks[?(@.id == 'vgg16-activation-values')].agrees").value(hasItem(false)))
                .andExpect(jsonPath("$.checks[?(@.id == 'vgg16-activation-values')].lecture_figure.text")
                        .value(hasItem("about 24M values")))
                .andExpect(jsonPath("$.checks[?(@.id == 'inception-bottleneck-macs')].computed")
                        .value(hasItem(271_351_808.0)));
        mvc.perform(get("/v1/architectures/lecture-checks").accept("text/plain"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("inception-bottleneck-macs")));
    }

    @Test
    void anUnknownArchitectureIs404() throws Exception {
        mvc.perform(get("/v1/architectures/resnet9000"))
                .andExpect(status().isNotFound())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:unknown-architecture"))
                .andExpect(jsonPath("$.detail").value(containsString("known: lenet5, ")));
    }

    @Test
    void aMalformedInputShapeIs400WithTheRule() throws Exception {
        mvc.perform(get("/v1/architectures/resnet50").param("input", "224x224"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:invalid-input-shape"))
                .andExpect(jsonPath("$.detail").value(containsString("HxWxC")));
        mvc.perform(get("/v1/architectures/resnet50").param("input", "224x224x2"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("1 (grey) or 3 (RGB)")));
    }

    @Test
    void anInputTheArchitectureCannotTakeIs422() throws Exception {
        mvc.perform(get("/v1/architectures/resnet50").param("input", "16x16x3").accept("text/plain"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:impossible-input-shape"))
                .andExpect(jsonPath("$.detail").value(containsString("at least 32x32")));
    }

    @Test
    void classesMustBeAWholeNumberOfAtLeastOne() throws Exception {
        for (String bad : new String[] {"0", "-3", "many", "1.5", "99999999999"}) {
            mvc.perform(get("/v1/architectures/lenet5").param("classes", bad))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:invalid-classes"))
                    .andExpect(jsonPath("$.detail").value(containsString("at least 1")));
        }
    }
}
