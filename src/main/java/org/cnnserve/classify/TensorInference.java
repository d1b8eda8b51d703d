package org.cnnserve.classify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.cnnserve.imaging.DecodeBudget;
import org.cnnserve.imaging.ImageDecoder;
import org.cnnserve.registry.ModelConfig;
import org.cnnserve.registry.ModelNotReadyException;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.ServedModel;
import org.cnnserve.serving.DeadlineExceededException;
import org.cnnserve.serving.Prediction;
import org.cnnserve.serving.Timer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Inference without HTTP and without blocking: find the model version, check or decode the inputs,
 * queue each image on the model's batcher, and hand back a future of all their probabilities. The
 * future fails with the first image's failure (the others still queued are then cancelled, so they
 * never run), or with {@link DeadlineExceededException} when the request's deadline passes first.
 */
@Service
public class TensorInference {

    private final ModelRegistry registry;
    private final ImageTensors images;
    private final InferenceProperties properties;
    private final Timer timer;
    private final RequestObserver observer;

    TensorInference(ModelRegistry registry, ImageDecoder decoder, DecodeBudget budget, InferenceProperties properties,
                    Timer timer, ObjectProvider<RequestObserver> observer) {
        this.registry = registry;
        this.images = new ImageTensors(decoder, budget);
        this.properties = properties;
        this.timer = timer;
        this.observer = observer.getIfAvailable(() -> RequestObserver.NONE);
    }

    /** The most images one request may carry. */
    public int maxImagesPerRequest() {
        return properties.maxImagesPerRequest();
    }

    /**
     * Registry refusals (unknown model or version, not ready) and bad inputs are thrown at once;
     * everything after admission arrives through the future.
     *
     * @param version a version number, or {@code null} for the model's default version
     * @param timeout the request's own deadline, or {@code null} for the model's; never longer than it
     * @throws InvalidInputException  when the input does not fit the model
     * @throws TooManyImagesException when it holds more images than allowed
     */
    public CompletableFuture<Probabilities> infer(String model, String version, InferenceInput input,
                                                  Duration timeout) {
        long start = System.nanoTime();
        ServedModel served;
        try {
            served = registry.require(model, version);
        } catch (ModelNotReadyException e) {
            observer.finished(model, e.version(), RequestOutcome.REJECTED, System.nanoTime() - start);
            throw e;
        }
        try {
            List<float[]> tensors = tensors(served, input);
            return submit(served, tensors, timeout).whenComplete((answer, error) -> observer.finished(served.name(),
                    served.version(), error == null ? RequestOutcome.SUCCESS : RequestOutcome.of(unwrap(error)),
                    System.nanoTime() - start));
        } catch (RuntimeException e) {
            observer.finished(served.name(), served.version(), RequestOutcome.of(e), System.nanoTime() - start);
            throw e;
        }
    }

    private List<float[]> tensors(ServedModel served, InferenceInput input) {
        int count = input.count();
        if (count > properties.maxImagesPerRequest()) {
            throw new TooManyImagesException(count, properties.maxImagesPerRequest());
        }
        ModelConfig config = served.config();
        if (input instanceof InferenceInput.Preprocessed p) {
            return split(p, config, served.name());
        }
        List<byte[]> files = ((InferenceInput.Encoded) input).images();
        if (files.isEmpty()) {
            throw new InvalidInputException("the request holds no image");
        }
        List<float[]> tensors = new ArrayList<>(files.size());
        for (byte[] file : files) {
            long began = System.nanoTime();
            tensors.add(images.toTensor(file, config).values());
            observer.preprocessed(served.name(), served.version(), System.nanoTime() - began);
        }
        return tensors;
    }

    /** Checks the declared shape against the model's input and cuts the values into one CHW tensor per image. */
    private static List<float[]> split(InferenceInput.Preprocessed input, ModelConfig config, String model) {
        long[] shape = input.shape();
        long[] expected = {-1, config.input().channels(), config.input().height(), config.input().width()};
        if (shape.length != 4 || shape[0] < 1 || shape[1] != expected[1] || shape[2] != expected[2]
                || shape[3] != expected[3]) {
            throw new InvalidInputException("model '" + model + "' takes preprocessed input of shape [N, "
                    + expected[1] + ", " + expected[2] + ", " + expected[3] + "] with N at least 1, was "
                    + Arrays.toString(shape));
        }
        int perImage = Math.toIntExact(expected[1] * expected[2] * expected[3]);
        float[] values = input.values();
        long needed = shape[0] * perImage;
        if (values.length != needed) {
            throw new InvalidInputException("the shape " + Arrays.toString(shape) + " needs " + needed
                    + " values, the input holds " + values.length);
        }
        List<float[]> tensors = new ArrayList<>((int) shape[0]);
        for (int i = 0; i < shape[0]; i++) {
            float[] one = Arrays.copyOfRange(values, i * perImage, (i + 1) * perImage);
            for (int j = 0; j < one.length; j++) {
                if (!Float.isFinite(one[j])) {
                    throw new InvalidInputException("value " + (i * perImage + j) + " of the input is " + one[j]
                            + "; every value must be a finite number");
                }
            }
            tensors.add(one);
        }
        return tensors;
    }

    private CompletableFuture<Probabilities> submit(ServedModel served, List<float[]> tensors, Duration timeout) {
        CompletableFuture<Probabilities> result = new CompletableFuture<>();
        List<CompletableFuture<Prediction>> parts = new ArrayList<>(tensors.size());
        Duration effective = null;
        for (float[] tensor : tensors) {
            ServedModel.Submission submission = served.submit(tensor, timeout);
            effective = submission.timeout();
            parts.add(submission.result());
            if (submission.result().isCompletedExceptionally()) {
                break; // refused at once (queue full, stopping): the rest would only be cancelled
            }
        }
        String name = served.name() + " version " + served.version();
        Duration waited = effective;
        Timer.Cancellable deadline = timer.schedule(
                () -> result.completeExceptionally(new DeadlineExceededException(name, waited)), effective.toNanos());
        float[][] rows = new float[tensors.size()][];
        AtomicInteger remaining = new AtomicInteger(tensors.size());
        for (int i = 0; i < parts.size(); i++) {
            int index = i;
            parts.get(i).whenComplete((prediction, error) -> {
                if (error != null) {
                    result.completeExceptionally(unwrap(error));
                } else {
                    rows[index] = prediction.probabilities();
                    if (remaining.decrementAndGet() == 0) {
                        result.complete(new Probabilities(served.name(), served.version(), served.labels(), rows));
                    }
                }
            });
        }
        result.whenComplete((answer, error) -> {
            deadline.cancel();
            if (error != null) {
                // Cancelling tells the scheduler to skip what it has not dispatched yet.
                parts.forEach(part -> part.cancel(false));
            }
        });
        return result;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
