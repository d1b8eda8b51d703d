package org.cnnserve.classify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cnnserve.imaging.DecodeBudget;
import org.cnnserve.imaging.ImageDecoder;
import org.cnnserve.registry.ModelConfig;
import org.cnnserve.registry.ModelNotReadyException;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.ServedModel;
import org.cnnserve.serving.DeadlineExceededException;
import org.cnnserve.serving.Prediction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The classify path without HTTP: find the model, decode and preprocess the image, queue it on the
 * model's worker, wait for the result within the timeout, and pick the top k classes.
 */
@Service
public class Classifier {

    private final ModelRegistry registry;
    private final ImageDecoder decoder;
    private final DecodeBudget budget;
    private final ClassifyProperties properties;
    private final RequestObserver observer;

    Classifier(ModelRegistry registry, ImageDecoder decoder, DecodeBudget budget, ClassifyProperties properties,
               ObjectProvider<RequestObserver> observer) {
        this.registry = registry;
        this.decoder = decoder;
        this.budget = budget;
        this.properties = properties;
        this.observer = observer.getIfAvailable(() -> RequestObserver.NONE);
    }

    /**
     * @param version a version number, or {@code null} for the model's default version
     * @param topK    classes to answer with, from 1 to the model's class count; {@code null} for the
     *                default, capped at the model's class count
     * @param timeout the request's own deadline, or {@code null} for the model's; a request may
     *                shorten its model's timeout, never lengthen it
     * @throws InvalidTopKException when {@code topK} is outside 1 to the model's class count
     */
    public Classification classify(String model, String version, byte[] image, Integer topK, Duration timeout) {
        long start = System.nanoTime();
        // Model and parameters first: a request for a missing model should not cost a decode.
        ServedModel served;
        try {
            served = registry.require(model, version);
        } catch (ModelNotReadyException e) {
            observer.failed(model, e.version(), e, System.nanoTime() - start);
            throw e;
        }
        try {
            Classification answer = classify(served, image, topK, timeout, start);
            observer.finished(served.name(), served.version(), RequestOutcome.SUCCESS, System.nanoTime() - start);
            return answer;
        } catch (RuntimeException e) {
            observer.failed(served.name(), served.version(), e, System.nanoTime() - start);
            throw e;
        }
    }

    private Classification classify(ServedModel served, byte[] image, Integer topK, Duration timeout, long start) {
        ModelConfig config = served.config();
        int k = topK(topK, config.classes());
        ImageTensors.Tensor preprocessed = new ImageTensors(decoder, budget).toTensor(image, config);
        long decodedAt = preprocessed.decodedAt();
        float[] tensor = preprocessed.values();
        long preprocessedAt = System.nanoTime();
        observer.preprocessed(served.name(), served.version(), preprocessedAt - start);
        Prediction prediction = await(served, served.submit(tensor, timeout));
        long end = System.nanoTime();
        var timings = new Classification.Timings(millis(decodedAt - start), millis(preprocessedAt - decodedAt),
                prediction.queued().toNanos() / 1e6, prediction.computed().toNanos() / 1e6, millis(end - start));
        return new Classification(served.name(), served.version(), served.weights().label(),
                topK(prediction.probabilities(), served.labels(), k), timings);
    }

    private Prediction await(ServedModel served, ServedModel.Submission submission) {
        CompletableFuture<Prediction> future = submission.result();
        try {
            return future.get(submission.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Cancelling tells the scheduler to skip the request if it has not dispatched it yet.
            future.cancel(false);
            throw new DeadlineExceededException(served.name() + " version " + served.version(), submission.timeout());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new CompletionException(e);
        }
    }

    private int topK(Integer requested, int classes) {
        if (requested == null) {
            return Math.min(properties.defaultTopK(), classes);
        }
        if (requested < 1 || requested > classes) {
            throw new InvalidTopKException("top_k must be between 1 and " + classes + " (the model's classes), was "
                    + requested);
        }
        return requested;
    }

    static List<Classification.Label> topK(float[] probabilities, List<String> labels, int k) {
        Integer[] order = new Integer[probabilities.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Ties keep the lower index first, so answers are stable.
        java.util.Arrays.sort(order, (a, b) -> Float.compare(probabilities[b], probabilities[a]));
        List<Classification.Label> top = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int c = order[i];
            top.add(new Classification.Label(labels.get(c), c, probabilities[c]));
        }
        return top;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
