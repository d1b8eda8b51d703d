package org.cnnserve.web.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.classify.InferenceInput;
import org.cnnserve.classify.Probabilities;
import org.cnnserve.classify.TensorInference;
import org.cnnserve.classify.TooManyImagesException;
import org.cnnserve.imaging.ColorMode;
import org.cnnserve.imaging.Preprocessing;
import org.cnnserve.registry.ModelConfig;
import org.cnnserve.registry.ModelNotReadyException;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.ModelState;
import org.cnnserve.registry.ModelStatus;
import org.cnnserve.registry.UnknownModelException;
import org.cnnserve.registry.VersionStatus;
import org.cnnserve.registry.WeightsStatus;
import org.cnnserve.serving.DeadlineExceededException;
import org.cnnserve.serving.QueueFullException;
import org.cnnserve.web.ApiProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The V2 endpoints against the shapes the Open Inference Protocol and Triton's binary tensor data and
 * classification extensions document: each endpoint's answer, the request forms (JSON, binary), and
 * each error with its status and {@code {"error": "..."}} body. The inference service is a mock here:
 * what it is handed, and what the answer makes of its probabilities, is the point.
 */
@WebMvcTest({ServerController.class, ModelController.class, InferController.class})
@Import(OpenInferenceProtocolTests.Beans.class)
class OpenInferenceProtocolTests {

    static class Beans {
        @Bean
        ApiProperties apiProperties() {
            return new ApiProperties(Duration.ofSeconds(7));
        }

        @Bean
        V2Properties v2Properties() {
            return new V2Properties(DataSize.ofKilobytes(4));
        }
    }

    static final ModelConfig CONFIG = new ModelConfig(null, "lenet5", new InputShape(2, 2, 1), 3, null,
            new Preprocessing(ColorMode.GREY, null, 0, new float[] {0.5f}, new float[] {0.5f}, null),
            null, null, null, null, null, null, null, "onnx", null);
    static final List<String> LABELS = List.of("cat", "dog", "bird");
    static final JsonMapper JSON = new JsonMapper();

    @Autowired
    MockMvc mvc;
    @MockitoBean
    TensorInference inference;
    @MockitoBean
    ModelRegistry registry;
    @MockitoBean
    ApplicationAvailability availability;

    @BeforeEach
    void aModelOfTwoByTwoGreyImagesAndThreeClasses() {
        VersionStatus v1 = new VersionStatus(1, ModelState.READY, null, WeightsStatus.TRAINED, "onnx", 0, 0, 0, 0, 0, 0,
                null);
        VersionStatus v2 = new VersionStatus(2, ModelState.LOADING, null, WeightsStatus.TRAINED, null, 0, 0, 0, 0, 0,
                0, null);
        given(registry.model("m")).willReturn(Optional.of(new ModelStatus("m", ModelState.LOADING, null, "", "lenet5",
                new InputShape(2, 2, 1), 3, 2, List.of(v1, v2))));
        given(registry.config("m")).willReturn(Optional.of(CONFIG));
        given(registry.model("nope")).willReturn(Optional.empty());
        given(availability.getLivenessState()).willReturn(LivenessState.CORRECT);
        given(availability.getReadinessState()).willReturn(ReadinessState.ACCEPTING_TRAFFIC);
    }

    /** Answers the two images' probabilities, rows in order. */
    void answers(float[]... rows) {
        given(inference.infer(eq("m"), any(), any(), any()))
                .willReturn(CompletableFuture.completedFuture(new Probabilities("m", 1, LABELS, rows)));
    }

    /** Performs the request and, when the controller went async, the dispatch of its answer. */
    ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
        ResultActions first = mvc.perform(request);
        MvcResult started = first.andReturn();
        return started.getRequest().isAsyncStarted() ? mvc.perform(asyncDispatch(started)) : first;
    }

    static MockHttpServletRequestBuilder infer(String json) {
        return post("/v2/models/m/infer").contentType("application/json").content(json);
    }

    static String fp32(String shape, String data) {
        return "{\"id\": \"req-7\", \"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\", \"shape\": " + shape
                + ", \"data\": " + data + "}]}";
    }

    /** A binary request: the JSON header, then the raw bytes, with the header's length in its header. */
    static MockHttpServletRequestBuilder binary(String header, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(json);
        body.writeBytes(data);
        return post("/v2/models/m/infer").contentType("application/octet-stream")
                .header(InferResponses.HEADER_LENGTH, json.length).content(body.toByteArray());
    }

    static byte[] littleEndian(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static byte[] elements(byte[]... elements) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] e : elements) {
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(e.length).array());
            out.writeBytes(e);
        }
        return out.toByteArray();
    }

    InferenceInput handed() {
        ArgumentCaptor<InferenceInput> input = ArgumentCaptor.forClass(InferenceInput.class);
        then(inference).should().infer(eq("m"), any(), input.capture(), any());
        return input.getValue();
    }

    @Nested
    class ServerAndModelMetadata {

        @Test
        void serverMetadataNamesTheExtensionsImplemented() throws Exception {
            mvc.perform(get("/v2")).andExpect(status().isOk())
                    .andExpect(jsonPath("$.name").value("cnnserve"))
                    .andExpect(jsonPath("$.version").isString())
                    .andExpect(jsonPath("$.extensions").value(org.hamcrest.Matchers.contains("binary_tensor_data",
                            "classification")));
        }

        @Test
        void healthIsTheStatusAloneTwoHundredForTrueFourHundredForFalse() throws Exception {
            mvc.perform(get("/v2/health/live")).andExpect(status().isOk()).andExpect(content().string(""));
            mvc.perform(get("/v2/health/ready")).andExpect(status().isOk()).andExpect(content().string(""));
            given(availability.getReadinessState()).willReturn(ReadinessState.REFUSING_TRAFFIC);
            given(availability.getLivenessState()).willReturn(LivenessState.BROKEN);
            mvc.perform(get("/v2/health/ready")).andExpect(status().isBadRequest()).andExpect(content().string(""));
            mvc.perform(get("/v2/health/live")).andExpect(status().isBadRequest());
        }

        @Test
        void modelMetadataHasVersionsPlatformAndTensorsWithMinusOneForTheBatch() throws Exception {
            mvc.perform(get("/v2/models/m/versions/1")).andExpect(status().isOk())
                    .andExpect(jsonPath("$.name").value("m"))
                    .andExpect(jsonPath("$.versions").value(org.hamcrest.Matchers.contains("1", "2")))
                    .andExpect(jsonPath("$.platform").value("onnxruntime_onnx"))
                    .andExpect(jsonPath("$.inputs[0].name").value("input"))
                    .andExpect(jsonPath("$.inputs[0].datatype").value("FP32"))
                    .andExpect(jsonPath("$.inputs[0].shape").value(org.hamcrest.Matchers.contains(-1, 1, 2, 2)))
                    .andExpect(jsonPath("$.inputs[1].name").value("image"))
                    .andExpect(jsonPath("$.inputs[1].datatype").value("BYTES"))
                    .andExpect(jsonPath("$.inputs[1].shape").value(org.hamcrest.Matchers.contains(-1)))
                    .andExpect(jsonPath("$.outputs[0].name").value("probabilities"))
                    .andExpect(jsonPath("$.outputs[0].datatype").value("FP32"))
                    .andExpect(jsonPath("$.outputs[0].shape").value(org.hamcrest.Matchers.contains(-1, 3)));
            // The default version (2) is still loading: its engine is not known yet.
            mvc.perform(get("/v2/models/m")).andExpect(status().isOk()).andExpect(jsonPath("$.platform")
                    .value("cnnserve"));
        }

        @Test
        void anUnknownModelOrVersionIsA404InTheErrorForm() throws Exception {
            mvc.perform(get("/v2/models/nope")).andExpect(status().isNotFound())
                    .andExpect(header().string("Content-Type", "application/json"))
                    .andExpect(jsonPath("$.error").value("no model named 'nope'"));
            mvc.perform(get("/v2/models/m/versions/9")).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("no loaded version '9'")));
        }

        @Test
        void modelReadinessIs200OnlyWhenReady() throws Exception {
            mvc.perform(get("/v2/models/m/versions/1/ready")).andExpect(status().isOk());
            given(registry.require("m", "2")).willThrow(new ModelNotReadyException("m", 2, ModelState.LOADING, null));
            mvc.perform(get("/v2/models/m/versions/2/ready")).andExpect(status().isBadRequest())
                    .andExpect(content().string(""));
            given(registry.require("nope", null)).willThrow(new UnknownModelException("nope"));
            mvc.perform(get("/v2/models/nope/ready")).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.error").exists());
        }
    }

    @Nested
    class Inference {

        @Test
        void jsonFp32IsHandedOverWithItsShapeAndTheAnswerIsFp32NByClassesWithTheIdEchoed() throws Exception {
            answers(new float[] {0.7f, 0.2f, 0.1f}, new float[] {0.1f, 0.3f, 0.6f});
            perform(infer(fp32("[2, 1, 2, 2]", "[[[[1, 2], [3, 4]]], [[[5, 6], [7, 8.5]]]]")))
                    .andExpect(status().isOk())
                    .andExpect(header().string("Content-Type", "application/json"))
                    .andExpect(jsonPath("$.model_name").value("m"))
                    .andExpect(jsonPath("$.model_version").value("1"))
                    .andExpect(jsonPath("$.id").value("req-7"))
                    .andExpect(jsonPath("$.outputs[0].name").value("probabilities"))
                    .andExpect(jsonPath("$.outputs[0].datatype").value("FP32"))
                    .andExpect(jsonPath("$.outputs[0].shape").value(org.hamcrest.Matchers.contains(2, 3)))
                    .andExpect(jsonPath("$.outputs[0].data.length()").value(6))
                    .andExpect(jsonPath("$.outputs[0].data[5]").value(0.6))
                    .andExpect(jsonPath("$.outputs[0].parameters").doesNotExist());
            InferenceInput.Preprocessed input = (InferenceInput.Preprocessed) handed();
            assertThat(input.shape()).containsExactly(2, 1, 2, 2);
            assertThat(input.values()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8.5f);
        }

        @Test
        void withoutAnIdTheAnswerHasNone() throws Exception {
            answers(new float[] {1, 0, 0});
            perform(infer("{\"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\", \"shape\": [1, 1, 2, 2], "
                    + "\"data\": [1, 2, 3, 4]}]}")).andExpect(status().isOk()).andExpect(jsonPath("$.id").doesNotExist());
        }

        @Test
        void classificationAnswersTheTopKAsProbabilityIndexLabelStrings() throws Exception {
            answers(new float[] {0.7f, 0.2f, 0.1f}, new float[] {0.1f, 0.3f, 0.6f});
            perform(infer("{\"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\", \"shape\": [2, 1, 2, 2], "
                    + "\"data\": [1, 2, 3, 4, 5, 6, 7, 8]}], \"outputs\": [{\"name\": \"probabilities\", "
                    + "\"parameters\": {\"classification\": 2}}]}"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.outputs[0].datatype").value("BYTES"))
                    .andExpect(jsonPath("$.outputs[0].shape").value(org.hamcrest.Matchers.contains(2, 2)))
                    .andExpect(jsonPath("$.outputs[0].data").value(org.hamcrest.Matchers.contains("0.7:0:cat",
                            "0.2:1:dog", "0.6:2:bird", "0.3:1:dog")));
        }

        @Test
        void aJsonBytesInputIsBase64ImageFiles() throws Exception {
            answers(new float[] {1, 0, 0});
            perform(infer("{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", \"shape\": [1], "
                    + "\"data\": [\"AQID\"]}]}")).andExpect(status().isOk());
            InferenceInput.Encoded input = (InferenceInput.Encoded) handed();
            assertThat(input.images()).singleElement().isEqualTo(new byte[] {1, 2, 3});
        }

        @Test
        void theRequestsOwnTimeoutReachesTheService() throws Exception {
            answers(new float[] {1, 0, 0});
            perform(infer("{\"parameters\": {\"timeout_ms\": 250}, \"inputs\": [{\"name\": \"input\", \"datatype\": "
                    + "\"FP32\", \"shape\": [1, 1, 2, 2], \"data\": [1, 2, 3, 4]}]}")).andExpect(status().isOk());
            then(inference).should().infer(eq("m"), eq(null), any(), eq(Duration.ofMillis(250)));
        }
    }

    @Nested
    class BinaryTensorData {

        @Test
        void binaryFp32InputIsLittleEndianAfterTheJsonHeader() throws Exception {
            answers(new float[] {0.5f, 0.25f, 0.25f});
            perform(binary("{\"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\", \"shape\": [1, 1, 2, 2], "
                    + "\"parameters\": {\"binary_data_size\": 16}}]}", littleEndian(1.5f, -2, 3, 4)))
                    .andExpect(status().isOk());
            assertThat(((InferenceInput.Preprocessed) handed()).values()).containsExactly(1.5f, -2, 3, 4);
        }

        @Test
        void binaryBytesElementsAreLengthPrefixedImageFiles() throws Exception {
            answers(new float[] {1, 0, 0}, new float[] {0, 1, 0});
            perform(binary("{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", \"shape\": [2], "
                    + "\"parameters\": {\"binary_data_size\": 13}}]}", elements(new byte[] {9, 8, 7}, new byte[] {6, 5})))
                    .andExpect(status().isOk());
            assertThat(((InferenceInput.Encoded) handed()).images()).containsExactly(new byte[] {9, 8, 7},
                    new byte[] {6, 5});
        }

        @Test
        void binaryOutputsFollowTheJsonHeaderWhoseLengthTheAnswerNames() throws Exception {
            answers(new float[] {0.7f, 0.2f, 0.1f});
            MvcResult result = perform(infer("{\"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\", "
                    + "\"shape\": [1, 1, 2, 2], \"data\": [1, 2, 3, 4]}], \"outputs\": [{\"name\": \"probabilities\", "
                    + "\"parameters\": {\"binary_data\": true}}]}"))
                    .andExpect(status().isOk())
                    .andExpect(header().string("Content-Type", "application/octet-stream"))
                    .andReturn();
            byte[] body = result.getResponse().getContentAsByteArray();
            int headerLength = Integer.parseInt(result.getResponse().getHeader(InferResponses.HEADER_LENGTH));
            JsonNode header = JSON.readTree(body, 0, headerLength);
            JsonNode output = header.get("outputs").get(0);
            assertThat(output.get("parameters").get("binary_data_size").asInt()).isEqualTo(12);
            assertThat(output.has("data")).isFalse();
            assertThat(body.length - headerLength).isEqualTo(12);
            ByteBuffer data = ByteBuffer.wrap(body, headerLength, 12).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(new float[] {data.getFloat(), data.getFloat(), data.getFloat()}).containsExactly(0.7f, 0.2f,
                    0.1f);
        }

        @Test
        void binaryDataOutputMakesEveryOutputBinaryAndClassificationStringsAreLengthPrefixed() throws Exception {
            answers(new float[] {0.7f, 0.2f, 0.1f});
            MvcResult result = perform(infer("{\"parameters\": {\"binary_data_output\": true}, \"inputs\": [{\"name\": "
                    + "\"input\", \"datatype\": \"FP32\", \"shape\": [1, 1, 2, 2], \"data\": [1, 2, 3, 4]}], "
                    + "\"outputs\": [{\"name\": \"probabilities\", \"parameters\": {\"classification\": 1}}]}"))
                    .andExpect(status().isOk()).andReturn();
            byte[] body = result.getResponse().getContentAsByteArray();
            int headerLength = Integer.parseInt(result.getResponse().getHeader(InferResponses.HEADER_LENGTH));
            byte[] expected = elements("0.7:0:cat".getBytes(StandardCharsets.UTF_8));
            assertThat(Arrays.copyOfRange(body, headerLength, body.length)).isEqualTo(expected);
            assertThat(JSON.readTree(body, 0, headerLength).get("outputs").get(0).get("parameters")
                    .get("binary_data_size").asInt()).isEqualTo(expected.length);
        }
    }

    @Nested
    class Errors {

        void refused(MockHttpServletRequestBuilder request, int status, String error) throws Exception {
            perform(request).andExpect(status().is(status))
                    .andExpect(header().string("Content-Type", "application/json"))
                    .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString(error)));
        }

        @Test
        void malformedRequestsAre400WithAMessageSayingWhatIsWrongAndNeverReachTheModel() throws Exception {
            refused(infer("{not json"), 400, "not valid JSON");
            refused(infer("{\"inputs\": []}"), 400, "'inputs' must be a non-empty array");
            refused(infer(fp32("[1, 1, 2, 2]", "[1, 2, 3]")), 400, "has 3 values in 'data', but its shape holds 4");
            refused(infer(fp32("[1, 1, 2, 2]", "[1, 2, \"x\", 4]")), 400, "data must hold numbers");
            refused(infer(fp32("[1, -1, 2, 2]", "[]")), 400, "negative dimension");
            refused(infer("{\"inputs\": [{\"name\": \"input\", \"datatype\": \"INT8\", \"shape\": [1, 1, 2, 2], "
                    + "\"data\": [1, 2, 3, 4]}]}"), 400, "must have datatype FP32, was INT8");
            refused(infer("{\"inputs\": [{\"name\": \"pixels\", \"datatype\": \"FP32\", \"shape\": [1], "
                    + "\"data\": [1]}]}"), 400, "no input 'pixels'");
            refused(infer("{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", \"shape\": [2], "
                    + "\"data\": [\"AQID\"]}]}"), 400, "has 1 elements in 'data', but its shape holds 2");
            refused(infer(fp32("[1, 1, 2, 2]", "[1, 2, 3, 4]").replace("]}]}", "]}], \"outputs\": [{\"name\": "
                    + "\"logits\"}]}")), 400, "no output 'logits'");
            refused(infer(fp32("[1, 1, 2, 2]", "[1, 2, 3, 4]").replace("]}]}", "]}], \"outputs\": [{\"name\": "
                    + "\"probabilities\", \"parameters\": {\"classification\": 4}}]}")), 400,
                    "classification is 4, but the model has 3 classes");
            refused(infer(fp32("[1, 1, 2, 2]", "[1, 2, 3, 4]").replace("{\"id\"", "{\"parameters\": {\"timeout_ms\": 0}, "
                    + "\"id\"")), 400, "timeout_ms must be a whole number of milliseconds, at least 1");
            verifyNoInteractions(inference);
        }

        @Test
        void binarySizesThatDoNotAddUpAre400() throws Exception {
            String header = "{\"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\", \"shape\": [1, 1, 2, 2], "
                    + "\"parameters\": {\"binary_data_size\": %d}}]}";
            refused(binary(header.formatted(12), littleEndian(1, 2, 3)), 400,
                    "has binary_data_size 12, but 4 FP32 values take 16 bytes");
            refused(binary(header.formatted(16), littleEndian(1, 2, 3)), 400,
                    "declares binary_data_size 16, but only 12 bytes follow the JSON header");
            refused(binary(header.formatted(16), littleEndian(1, 2, 3, 4, 5)), 400,
                    "4 bytes follow the JSON header that no input's binary_data_size accounts for");
            refused(post("/v2/models/m/infer").contentType("application/json").content(header.formatted(16)), 400,
                    "no Inference-Header-Content-Length header");
            refused(binary("{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", \"shape\": [2], "
                    + "\"parameters\": {\"binary_data_size\": 7}}]}", elements(new byte[] {1, 2, 3})), 400,
                    "binary data holds 1 elements, but its shape holds 2");
            refused(binary("{\"inputs\": [{\"name\": \"image\", \"datatype\": \"BYTES\", \"shape\": [1], "
                    + "\"parameters\": {\"binary_data_size\": 4}}]}", new byte[] {9, 0, 0, 0}), 400,
                    "element 0 declares 9 bytes, but only 0 remain");
            refused(post("/v2/models/m/infer").header(InferResponses.HEADER_LENGTH, 99).content("{}"), 400,
                    "Inference-Header-Content-Length is 99, but the body has 2 bytes");
            refused(post("/v2/models/m/infer").header(InferResponses.HEADER_LENGTH, "many").content("{}"), 400,
                    "Inference-Header-Content-Length must be a whole number, was 'many'");
            verifyNoInteractions(inference);
        }

        @Test
        void aBodyOverTheRequestSizeLimitIs413() throws Exception {
            refused(infer(" ".repeat(4097)), 413, "over the limit of 4096 bytes (cnnserve.v2.max-request-size)");
        }

        @Test
        void theServicesRefusalsKeepTheirStatusesAndRetryAfter() throws Exception {
            String ok = fp32("[1, 1, 2, 2]", "[1, 2, 3, 4]");
            given(inference.infer(eq("m"), any(), any(), any())).willThrow(new TooManyImagesException(65, 64));
            refused(infer(ok), 413, "over the limit of 64 per request");
            given(inference.infer(eq("m"), any(), any(), any())).willThrow(new UnknownModelException("m"));
            refused(infer(ok), 404, "no model named 'm'");
            given(inference.infer(eq("m"), any(), any(), any()))
                    .willThrow(new ModelNotReadyException("m", 1, ModelState.LOADING, null));
            refused(infer(ok), 503, "is LOADING");
            perform(infer(ok)).andExpect(header().string("Retry-After", "7"));
        }

        @Test
        void refusalsAfterAdmissionArriveThroughTheFuture() throws Exception {
            String ok = fp32("[1, 1, 2, 2]", "[1, 2, 3, 4]");
            given(inference.infer(eq("m"), any(), any(), any()))
                    .willReturn(CompletableFuture.failedFuture(new QueueFullException("m:1", 256)));
            refused(infer(ok), 429, "");
            perform(infer(ok)).andExpect(header().string("Retry-After", "7"));
            given(inference.infer(eq("m"), any(), any(), any())).willReturn(
                    CompletableFuture.failedFuture(new DeadlineExceededException("m version 1", Duration.ofMillis(5))));
            refused(infer(ok), 504, "");
        }
    }
}
