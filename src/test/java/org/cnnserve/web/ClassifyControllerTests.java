package org.cnnserve.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.cnnserve.classify.Classification;
import org.cnnserve.classify.Classifier;
import org.cnnserve.classify.TooManyImagesException;
import org.cnnserve.imaging.ImageLimits;
import org.cnnserve.registry.ModelNotReadyException;
import org.cnnserve.registry.ModelState;
import org.cnnserve.serving.DeadlineExceededException;
import org.cnnserve.serving.QueueFullException;
import org.cnnserve.serving.WorkerStoppedException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;

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


    /** The answer, through the async dispatch when the controller handed back a future. */
    private ResultActions answer(RequestBuilder request) throws Exception {
        ResultActions first = mvc.perform(request);
        MvcResult result = first.andReturn();
        return result.getRequest().isAsyncStarted() ? mvc.perform(asyncDispatch(result)) : first;
    }

    private static MockMultipartFile image(byte[] bytes) {
        return new MockMultipartFile("image", "image.png", "image/png", bytes);
    }

    private static Classification classification(String label) {
        return new Classification("m", 1, "trained", List.of(new Classification.Label(label, 0, 1.0)), null);
    }

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
        given(classifier.classify(eq("m"), any(), any(), any(), any()))
                .willReturn(CompletableFuture.failedFuture(new QueueFullException("m:1", 64)));
        answer(post("/v1/models/m/classify").contentType("image/png").content(new byte[] {1, 2, 3}))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "7"))
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:queue-full"));
    }

    @Test
    void aFailureWrappedByADependentStageIsAnsweredAsItsCause() throws Exception {
        given(classifier.classify(eq("m"), any(), any(), any(), any())).willReturn(
                CompletableFuture.failedFuture(new CompletionException(new QueueFullException("m:1", 64))));
        answer(post("/v1/models/m/classify").contentType("image/png").content(new byte[] {1, 2, 3}))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:queue-full"));
    }

    @Test
    void aDeadlinePassedInTheQueueIsAnswered504() throws Exception {
        given(classifier.classify(eq("m"), any(), any(), any(), any())).willReturn(CompletableFuture.failedFuture(
                new DeadlineExceededException("m version 1", Duration.ofMillis(40))));
        answer(post("/v1/models/m/classify").contentType("image/png").content(new byte[] {1, 2, 3}))
                .andExpect(status().isGatewayTimeout())
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:deadline-exceeded"));
    }

    @Test
    void theServletThreadIsReleasedWhileTheImageWaitsInTheQueue() throws Exception {
        CompletableFuture<Classification> queued = new CompletableFuture<>();
        given(classifier.classify(eq("m"), any(), any(), any(), any())).willReturn(queued);
        MvcResult pending = mvc.perform(post("/v1/models/m/classify").contentType("image/png")
                        .content(new byte[] {1}))
                .andExpect(request().asyncStarted())
                .andReturn();
        queued.complete(classification("cat"));
        mvc.perform(asyncDispatch(pending))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.predictions[0].label").value("cat"));
    }

    @Test
    void severalImagePartsAreAnsweredAsResultsInTheirOrder() throws Exception {
        byte[] first = {1};
        byte[] second = {2};
        byte[] third = {3};
        given(classifier.classifyAll(eq("m"), any(), any(), any(), any())).willAnswer(call -> {
            List<byte[]> images = call.getArgument(2);
            return CompletableFuture.completedFuture(images.stream().map(b -> classification("image" + b[0]))
                    .toList());
        });
        answer(multipart("/v1/models/m/classify").file(image(first)).file(image(second)).file(image(third)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results.length()").value(3))
                .andExpect(jsonPath("$.results[0].predictions[0].label").value("image1"))
                .andExpect(jsonPath("$.results[1].predictions[0].label").value("image2"))
                .andExpect(jsonPath("$.results[2].predictions[0].label").value("image3"))
                .andExpect(jsonPath("$.results[2].model").value("m"));
    }

    @Test
    void oneImagePartIsAnsweredAsBeforeWithoutResults() throws Exception {
        given(classifier.classify(eq("m"), any(), any(), any(), any()))
                .willReturn(CompletableFuture.completedFuture(classification("cat")));
        answer(multipart("/v1/models/m/classify").file(image(new byte[] {1})))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.predictions[0].label").value("cat"))
                .andExpect(jsonPath("$.results").doesNotExist());
        then(classifier).should(never()).classifyAll(any(), any(), any(), any(), any());
    }

    @Test
    void moreImagesThanARequestMayCarryAreAnswered413() throws Exception {
        given(classifier.classifyAll(eq("m"), any(), any(), any(), any()))
                .willThrow(new TooManyImagesException("a request may carry at most 2 images, this one has 3"));
        answer(multipart("/v1/models/m/classify").file(image(new byte[] {1})).file(image(new byte[] {2}))
                .file(image(new byte[] {3})))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.type").value("urn:cnnserve:problem:too-many-images"))
                .andExpect(jsonPath("$.detail").value("a request may carry at most 2 images, this one has 3"));
    }

    @Test
    void aModelShuttingDownIsAnswered503WithRetryAfter() throws Exception {
        given(classifier.classify(eq("m"), any(), any(), any(), any()))
                .willReturn(CompletableFuture.failedFuture(new WorkerStoppedException("m:1")));
        answer(post("/v1/models/m/classify").contentType("image/png").content(new byte[] {1, 2, 3}))
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
        given(classifier.classify("m", "2", image, 3, Duration.ofMillis(250))).willReturn(
                CompletableFuture.completedFuture(new Classification("m", 2, "trained",
                        List.of(new Classification.Label("cat", 0, 1.0)), null)));
        answer(post("/v1/models/m/versions/2/classify").param("top_k", " 3").param("timeout_ms", "250")
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
