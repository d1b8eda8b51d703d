package org.cnnserve.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import org.cnnserve.classify.Classification;
import org.cnnserve.classify.Classifier;
import org.cnnserve.imaging.ImageLimits;
import org.cnnserve.registry.ModelNotReadyException;
import org.cnnserve.registry.ModelState;
import org.cnnserve.serving.QueueFullException;
import org.cnnserve.serving.WorkerStoppedException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The overload and not-ready answers, which a running service shows only at the wrong moment, and
 * the query parameters, which are read here before the classifier sees them.
 */
@WebMvcTest(ClassifyController.class)
@Import({ProblemHandler.class, ClassifyControllerTests.Limits.class})
class ClassifyControllerTests {

    static class Limits {
        @Bean
        ImageLimits imageLimits() {
            return new ImageLimits(1000, 1000);
        }

        @Bean
        ApiProperties apiProperties() {
            return new ApiProperties(Duration.ofSeconds(7));
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Classifier classifier;


    @Test
    void aModelStillLoadingIsAnswered503WithRetryAfter() throws Exception {
        given(classifier.classify(eq("m"), any(), any(), any(), any()))
                .willThrow(new ModelNotReadyException("m", 1, ModelState.LOADING, null));
        mvc.perform(post("/v1/models/m/classify").contentType("image/png").content(new byte[] {1, 2, 3}))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "7"))
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:model-not-ready"))
                .andExpect(jsonPath("$.detail").value("model 'm' version 1 is LOADING"));
    }

    @Test
    void aFullQueueIsAnswered429WithRetryAfter() throws Exception {
        given(classifier.classify(eq("m"), any(), any(), any(), any())).willThrow(new QueueFullException("m:1", 64));
        mvc.perform(post("/v1/models/m/classify").contentType("image/png").content(new byte[] {1, 2, 3}))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "7"))
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:queue-full"));
    }

    @Test
    void aModelShuttingDownIsAnswered503WithRetryAfter() throws Exception {
        given(classifier.classify(eq("m"), any(), any(), any(), any())).willThrow(new WorkerStoppedException("m:1"));
        mvc.perform(post("/v1/models/m/classify").contentType("image/png").content(new byte[] {1, 2, 3}))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "7"))
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:shutting-down"));
    }

    @Test
    void aRawBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        mvc.perform(post("/v1/models/m/classify").contentType("image/png").content(new byte[1001]))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:image-too-large"));
    }

    @Test
    void topKAndTheTimeoutReachTheClassifierAsNumbers() throws Exception {
        byte[] image = {1, 2, 3};
        given(classifier.classify("m", "2", image, 3, Duration.ofMillis(250))).willReturn(new Classification("m", 2,
                "trained", List.of(new Classification.Label("cat", 0, 1.0)), null));
        mvc.perform(post("/v1/models/m/versions/2/classify").param("top_k", " 3").param("timeout_ms", "250")
                        .contentType("image/png").content(image))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.predictions[0].label").value("cat"));
    }

    @Test
    void theTimeoutHeaderIsUsedWhenTheParameterIsAbsent() throws Exception {
        mvc.perform(post("/v1/models/m/classify").header(ClassifyController.TIMEOUT_HEADER, "40")
                .contentType("image/png").content(new byte[] {1}));
        then(classifier).should().classify(eq("m"), eq(null), any(), eq(null), eq(Duration.ofMillis(40)));
    }

    @Test
    void aTopKThatIsNotANumberIsAnswered400WithoutAskingTheClassifier() throws Exception {
        mvc.perform(post("/v1/models/m/classify").param("top_k", "five").contentType("image/png")
                        .content(new byte[] {1}))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:invalid-top-k"))
                .andExpect(jsonPath("$.title").value("top_k is out of range or not a number"))
                .andExpect(jsonPath("$.detail").value("top_k must be a whole number, was 'five'"));
        verifyNoInteractions(classifier);
    }

    @Test
    void aTimeoutThatIsNotAPositiveWholeNumberIsAnswered400WithoutAskingTheClassifier() throws Exception {
        for (String bad : new String[] {"0", "-5", "1.5", "soon"}) {
            mvc.perform(post("/v1/models/m/classify").param("timeout_ms", bad).contentType("image/png")
                            .content(new byte[] {1}))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:invalid-timeout"))
                    .andExpect(jsonPath("$.detail").value("timeout_ms must be a whole number of milliseconds, "
                            + "at least 1, was '" + bad + "'"));
        }
        mvc.perform(post("/v1/models/m/classify").header(ClassifyController.TIMEOUT_HEADER, "0")
                        .contentType("image/png").content(new byte[] {1}))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:invalid-timeout"));
        verifyNoInteractions(classifier);
    }
}
