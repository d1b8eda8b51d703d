package org.cnnserve.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.cnnserve.imaging.DecodeBudget;
import org.cnnserve.imaging.ImageRejectedException;
import org.cnnserve.serving.ReplicaLostException;
import org.cnnserve.serving.ReplicasUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Failures no handler foresaw still answer problem documents that give nothing internal away. */
@WebMvcTest(ProblemDocumentsTests.Failing.class)
@Import({ProblemHandler.class, ProblemDocumentsTests.Config.class, ProblemDocumentsTests.Failing.class})
@ExtendWith(OutputCaptureExtension.class)
class ProblemDocumentsTests {

    static class Config {
        @Bean
        ApiProperties apiProperties() {
            return new ApiProperties(Duration.ofSeconds(1));
        }
    }

    @RestController
    static class Failing {
        @GetMapping("/error-thrown")
        String error() {
            throw new OutOfMemoryError("Java heap space in /srv/secret/path");
        }

        @GetMapping("/runtime-thrown")
        String runtime() {
            throw new IllegalStateException("cannot open /srv/secret/model.zip");
        }

        @GetMapping("/aborted")
        String aborted() throws IOException {
            throw new IOException("client went away", new EOFException());
        }

        @GetMapping("/shape")
        String shape() {
            throw new ImageRejectedException(ImageRejectedException.Reason.IMAGE_SHAPE, "image is 1x16000000");
        }

        @GetMapping("/busy")
        String busy() {
            DecodeBudget budget = new DecodeBudget(1, Duration.ZERO);
            budget.reserve(1);
            budget.reserve(1);
            return "never: the second reservation does not fit";
        }

        @GetMapping("/stuck")
        String stuck() {
            throw new ReplicaLostException("replica m:1#0 ran a batch of 1 past its limit of PT5S and was abandoned");
        }

        @GetMapping("/no-replica")
        String noReplica() {
            throw new ReplicasUnavailableException("m:1");
        }

        @GetMapping(path = "/json", produces = "application/json")
        Map<String, String> json() {
            return Map.of("a", "b");
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void anErrorFromAHandlerIsA500ProblemWithAnIdTheLogCarries(CapturedOutput output) throws Exception {
        MvcResult result = mvc.perform(get("/error-thrown"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:internal-error"))
                .andReturn();
        JsonNode body = new JsonMapper().readTree(result.getResponse().getContentAsString());
        String id = body.get("error_id").asString();

        assertThat(id).isNotBlank();
        assertThat(output.getOut() + output.getErr()).contains("error_id=" + id).contains("OutOfMemoryError");
        assertThat(result.getResponse().getContentAsString()).doesNotContain("OutOfMemoryError", "/srv", "Java heap");
    }

    @Test
    void anUnforeseenExceptionNamesNoClassAndNoPath() throws Exception {
        MvcResult result = mvc.perform(get("/runtime-thrown"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.error_id").isNotEmpty())
                .andReturn();

        assertThat(result.getResponse().getContentAsString())
                .doesNotContain("IllegalStateException", "/srv", "model.zip", "at org.");
    }

    @Test
    void aBodyTheClientStoppedSendingIsA400NotA500() throws Exception {
        mvc.perform(get("/aborted"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:bad-request"));
    }

    @Test
    void anExtremeShapeIsA422ImageShapeProblem() throws Exception {
        mvc.perform(get("/shape"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:image-shape"));
    }

    @Test
    void anExhaustedDecodeBudgetIsA503WithRetryAfter() throws Exception {
        mvc.perform(get("/busy"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:decode-budget-exhausted"));
    }

    @Test
    void aBatchFailedByTheWatchdogIsA503WithRetryAfter() throws Exception {
        mvc.perform(get("/stuck"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:replica-unavailable"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("past its limit")));
    }

    @Test
    void aModelWithNoReplicaLeftIsA503WithRetryAfter() throws Exception {
        mvc.perform(get("/no-replica"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:replica-unavailable"));
    }

    @Test
    void aWrongMethodIsA405Problem() throws Exception {
        mvc.perform(post("/json"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:method-not-allowed"));
    }

    @Test
    void anUnacceptableAcceptIsA406Problem() throws Exception {
        mvc.perform(get("/json").accept("text/csv"))
                .andExpect(status().isNotAcceptable())
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:not-acceptable"));
    }
}
