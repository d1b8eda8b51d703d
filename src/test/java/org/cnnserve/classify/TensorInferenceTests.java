package org.cnnserve.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.imageio.ImageIO;
import org.cnnserve.architectures.InputShape;
import org.cnnserve.imaging.ColorMode;
import org.cnnserve.imaging.DecodeBudget;
import org.cnnserve.imaging.ImageDecoder;
import org.cnnserve.imaging.ImageLimits;
import org.cnnserve.imaging.Preprocessing;
import org.cnnserve.imaging.Preprocessor;
import org.cnnserve.registry.ModelConfig;
import org.cnnserve.registry.ModelNotReadyException;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.ModelState;
import org.cnnserve.registry.ServedModel;
import org.cnnserve.serving.DeadlineExceededException;
import org.cnnserve.serving.Prediction;
import org.cnnserve.serving.QueueFullException;
import org.cnnserve.serving.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Several images in one request through the batcher without blocking: each queued on its own and
 * answered in order; a refusal or the deadline fails the whole request and cancels what is still
 * queued; bad inputs are refused before anything is queued; every ending is reported to the observer.
 */
class TensorInferenceTests {

    static final ModelConfig CONFIG = new ModelConfig(null, "lenet5", new InputShape(2, 2, 1), 3, null,
            new Preprocessing(ColorMode.GREY, null, 0, new float[] {0.5f}, new float[] {0.5f}, null),
            null, null, null, null, null, null, null, null, null);

    final ModelRegistry registry = mock(ModelRegistry.class);
    final ServedModel served = mock(ServedModel.class);
    final List<CompletableFuture<Prediction>> queued = new ArrayList<>();
    final List<Runnable> timerTasks = new ArrayList<>();
    final List<Long> timerDelays = new ArrayList<>();
    final List<RequestOutcome> outcomes = new ArrayList<>();
    final ImageDecoder decoder = new ImageDecoder(new ImageLimits(1_000_000, 1_000_000));
    TensorInference inference;

    @BeforeEach
    void aReadyModelWhoseQueueAcceptsEverything() {
        given(registry.require("m", null)).willReturn(served);
        given(served.name()).willReturn("m");
        given(served.version()).willReturn(1);
        given(served.config()).willReturn(CONFIG);
        given(served.labels()).willReturn(List.of("a", "b", "c"));
        given(served.submit(any(), any())).willAnswer(call -> {
            CompletableFuture<Prediction> future = new CompletableFuture<>();
            queued.add(future);
            return new ServedModel.Submission(future, Duration.ofMillis(300));
        });
        Timer timer = (task, delayNanos) -> {
            timerTasks.add(task);
            timerDelays.add(delayNanos);
            return () -> timerTasks.remove(task);
        };
        RequestObserver observer = new RequestObserver() {
            @Override
            public void finished(String model, int version, RequestOutcome outcome, long nanos) {
                outcomes.add(outcome);
            }
        };
        var observers = new StaticListableBeanFactory(Map.of("observer", observer))
                .getBeanProvider(RequestObserver.class);
        inference = new TensorInference(registry, decoder, new DecodeBudget(1 << 30, Duration.ZERO),
                new InferenceProperties(2), timer, observers);
    }

    static Prediction answer(float... probabilities) {
        return new Prediction(probabilities, Duration.ZERO, Duration.ZERO, 1);
    }

    static InferenceInput.Preprocessed twoImages() {
        return new InferenceInput.Preprocessed(new long[] {2, 1, 2, 2}, new float[] {1, 2, 3, 4, 5, 6, 7, 8});
    }

    @Test
    void eachImageIsQueuedOnItsOwnAndTheRowsComeBackInTheRequestsOrder() throws Exception {
        CompletableFuture<Probabilities> result = inference.infer("m", null, twoImages(), Duration.ofMillis(300));
        ArgumentCaptor<float[]> tensors = ArgumentCaptor.forClass(float[].class);
        verify(served, times(2)).submit(tensors.capture(), any());
        assertThat(tensors.getAllValues()).containsExactly(new float[] {1, 2, 3, 4}, new float[] {5, 6, 7, 8});
        queued.get(1).complete(answer(0, 0, 1));
        assertThat(result).isNotDone();
        queued.get(0).complete(answer(1, 0, 0));
        Probabilities p = result.get();
        assertThat(p.rows()).isDeepEqualTo(new float[][] {{1, 0, 0}, {0, 0, 1}});
        assertThat(p.labels()).containsExactly("a", "b", "c");
        assertThat(outcomes).containsExactly(RequestOutcome.SUCCESS);
        assertThat(timerTasks).as("the deadline is cancelled once answered").isEmpty();
        assertThat(timerDelays).containsExactly(Duration.ofMillis(300).toNanos());
    }

    @Test
    void aShapeThatDoesNotFitTheModelIsAClientErrorAndNothingIsQueued() {
        var wrong = new InferenceInput.Preprocessed(new long[] {1, 1, 4, 1}, new float[] {1, 2, 3, 4});
        assertThatThrownBy(() -> inference.infer("m", null, wrong, null)).isInstanceOf(InvalidInputException.class)
                .hasMessage("model 'm' takes preprocessed input of shape [N, 1, 2, 2] with N at least 1, was "
                        + "[1, 1, 4, 1]");
        var nan = new InferenceInput.Preprocessed(new long[] {1, 1, 2, 2}, new float[] {1, Float.NaN, 3, 4});
        assertThatThrownBy(() -> inference.infer("m", null, nan, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("value 1 of the input is NaN");
        verify(served, never()).submit(any(), any());
        assertThat(outcomes).containsExactly(RequestOutcome.CLIENT_ERROR, RequestOutcome.CLIENT_ERROR);
    }

    @Test
    void moreImagesThanTheLimitAreRefusedBeforeAnyIsDecoded() {
        var three = new InferenceInput.Encoded(List.of(new byte[] {1}, new byte[] {2}, new byte[] {3}));
        assertThatThrownBy(() -> inference.infer("m", null, three, null)).isInstanceOf(TooManyImagesException.class)
                .hasMessageContaining("3 images, over the limit of 2");
        verify(served, never()).submit(any(), any());
    }

    @Test
    void aRefusalOfOneImageFailsTheRequestAndCancelsTheImagesAlreadyQueued() {
        willAnswer(call -> {
            CompletableFuture<Prediction> future = new CompletableFuture<>();
            if (!queued.isEmpty()) {
                future.completeExceptionally(new QueueFullException("m:1", 1));
            }
            queued.add(future);
            return new ServedModel.Submission(future, Duration.ofMillis(300));
        }).given(served).submit(any(), any());
        CompletableFuture<Probabilities> result = inference.infer("m", null, twoImages(), null);
        assertThatThrownBy(result::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(QueueFullException.class);
        assertThat(queued.get(0)).as("accepted, then skipped by the scheduler").isCancelled();
        assertThat(outcomes).containsExactly(RequestOutcome.REJECTED);
    }

    @Test
    void theDeadlineFailsTheRequestAndCancelsWhatIsStillQueued() {
        CompletableFuture<Probabilities> result = inference.infer("m", null, twoImages(), Duration.ofMillis(300));
        queued.get(0).complete(answer(1, 0, 0));
        new ArrayList<>(timerTasks).forEach(Runnable::run);
        assertThatThrownBy(result::get).hasCauseInstanceOf(DeadlineExceededException.class);
        assertThat(queued.get(1)).isCancelled();
        assertThat(outcomes).containsExactly(RequestOutcome.TIMED_OUT);
    }

    @Test
    void aModelNotReadyIsReportedAsRejected() {
        given(registry.require("m", "2")).willThrow(new ModelNotReadyException("m", 2, ModelState.LOADING, null));
        assertThatThrownBy(() -> inference.infer("m", "2", twoImages(), null))
                .isInstanceOf(ModelNotReadyException.class);
        assertThat(outcomes).containsExactly(RequestOutcome.REJECTED);
    }

    @Test
    void imageFilesAreDecodedAndPreprocessedAsTheClassifyPathDoes() throws IOException {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(1, 2, 0, 200);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        inference.infer("m", null, new InferenceInput.Encoded(List.of(png.toByteArray())), null);
        ArgumentCaptor<float[]> tensor = ArgumentCaptor.forClass(float[].class);
        verify(served).submit(tensor.capture(), any());
        assertThat(tensor.getValue()).containsExactly(Preprocessor.toTensor(decoder.decode(png.toByteArray()),
                CONFIG.preprocessing(), 2, 2));
    }
}
