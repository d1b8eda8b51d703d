package org.cnnserve.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.cnnserve.metrics.ServingStats;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.validation.ValidationService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The page's server-rendered HTML: what a reader without JavaScript gets. */
@WebMvcTest(PageController.class)
@Import(PageFixture.Beans.class)
class PageControllerTests {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    ModelRegistry registry;
    @MockitoBean
    ValidationService validations;
    @MockitoBean
    ServingStats stats;
    @MockitoBean
    CatalogueFigures catalogue;

    @BeforeEach
    void serve() {
        PageFixture.serve(registry, validations, stats, catalogue);
    }

    private String page() throws Exception {
        return mvc.perform(get("/").accept(MediaType.TEXT_HTML)).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void theModelsTableHasARowPerVersionWithItsCostsAccuracyAndLiveNumbers() throws Exception {
        String html = page();
        String row = html.substring(html.indexOf("<tr data-model=\"lenet5-fashion\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("data-version=\"1\"", "data-weights=\"trained\"", "data-top1=\"0.9123\"",
                "data-macs=\"416520\"", "data-parameters=\"61706\"", "data-forward-ms=\"3.25\"",
                "data-requests=\"42\"");
        assertThat(row).contains(">READY<", ">native<", ">cpu<", ">trained<", ">61.7 K<", ">417 K<", ">121 KiB<",
                ">3.00 MiB<", ">91.2 %<", ">99.9 %<", "2026-12-01 10:15 UTC", ">7.50 ms<", ">31 ms<", ">2.00 /s<",
                ">3.25 ms<", ">462 /s<");
    }

    @Test
    void aModelWhoseFolderFailedShowsItsReasonInsteadOfNumbers() throws Exception {
        String html = page();
        String row = html.substring(html.indexOf("<tr data-model=\"broken\""));
        assertThat(row.substring(0, row.indexOf("</tr>"))).contains("FAILED: version 1 has no model.zip")
                .doesNotContain("data-version");
    }

    @Test
    void textFromModelConfigsIsEscaped() throws Exception {
        assertThat(page()).contains("LeNet &lt;script&gt;alert(1)&lt;/script&gt; &amp; friends")
                .doesNotContain("<script>alert(1)");
    }

    @Test
    void theValidationSectionShowsTheLatestReportWithPerClassAccuracyAndAConfusionHeatMap() throws Exception {
        String html = page();
        assertThat(html).contains("lenet5-fashion version 1 on fashion-mnist: top-1 91.2 %, top-5 99.9 %")
                .contains("<th scope=\"row\">Ankle boot</th><td class=\"num\">1000</td>")
                .contains("<td class=\"num diagonal\" style=\"background-color:rgba(30,120,200,0.950)\"")
                .contains("id=\"validate-form\"", "<option value=\"fashion-mnist\">fashion-mnist</option>");
    }

    @Test
    void theUploadIsARealFileInputWithASubmitButtonAndTheExamples() throws Exception {
        assertThat(page()).contains("<input id=\"try-image\" type=\"file\" name=\"image\"",
                "<button type=\"submit\" id=\"try-submit\">Classify</button>",
                "data-example=\"/examples/ankle-boot.png\"",
                "action=\"/v1/models/lenet5-fashion/classify\"");
    }

    @Test
    void theCatalogueAndTheLectureChecksAreTables() throws Exception {
        assertThat(page()).contains("<tr data-name=\"vgg16\" data-parameters=\"138357544\" data-macs=\"15470264320\">",
                "<tr class=\"agrees\" data-id=\"vgg16-parameters\"", "✓ agrees");
    }
}
