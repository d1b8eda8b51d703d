package org.cnnserve.classify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.cnnserve.imaging.DecodeBudget;
import org.cnnserve.imaging.ImageDecoder;
import org.cnnserve.registry.ModelConfig;
import org.cnnserve.registry.ModelNotReadyException;
import org.cnnserve.registry.ModelRegistry;
import org.cnnserve.registry.ServedModel;
import org.cnnserve.serving.DeadlineExceededException;
import org.cnnserve.serving.Prediction;
import org.cnnserve.serving.QueueFullException;
import org.cnnserve.serving.Timer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The classify path without HTTP: find the model, decode and preprocess the images, queue them
 * together on the model's worker, and pick the top k classes of each when they are answered. No
 * thread waits for the queue: the answer is a future, failed at the request's deadline by the timer.
 */
@Service
public class Classifier {

    private final ModelRegistry registry;
    private final ImageDecoder decoder;
    private final DecodeBudget budget;
    private final ClassifyProperties properties;
    private final Timer timer;
    private final RequestObserver observer;

    Classifier(ModelRegistry registry, ImageDecoder decoder, DecodeBudget budget, ClassifyProperties properties,
               Timer timer, ObjectProvider<RequestObserver> observer) {
        this.registry = registry;
        this.decoder = decoder;
        this.budget = budget;
        this.properties = properties;
        this.timer = timer;
        this.observer = observer.getIfAvailable(() -> RequestObserver.NONE);
    }

    /**
     * One image; see {@link #classifyAll}.
     */
    public CompletableFuture<Classification> classify(String model, String version, byte[] image, Integer topK,
                                                      Duration timeout) {
        return classify(model, version, List.of(image), topK, timeout, answers -> answers.get(0));
    }

    /**
     * Classifies {@code images} as one request: decoded in turn, queued together (all or none) so that
     * they can share a batch, answered in their order.
     *
     * <p>What is wrong before the images are queued is thrown: an unknown or unready model, a bad
     * {@code topK}, too many images, a queue already full (checked before decoding, so that a
     * refusal costs little), an image the decoder refuses, an exhausted decode budget. From queuing
     * on, the future carries the failure itself (not wrapped): a full queue, a stopping model, the
     * deadline, a failed batch.
     *
     * @param version a version number, or {@code null} for the model's default version
     * @param images  at least one
     * @param topK    classes to answer with, from 1 to the model's class count; {@code null} for the
     *                default, capped at the model's class count
     * @param timeout the request's own deadline, or {@code null} for the model's; a request may
     *                shorten its model's timeout, never lengthen it
     * @throws InvalidTopKException    when {@code topK} is outside 1 to the model's class count
     * @throws TooManyImagesException  when there are more images than a request may carry, or than the
     *                                 model's queue holds
     */
    public CompletableFuture<List<Classification>> classifyAll(String model, String version, List<byte[]> images,
                                                               Integer topK, Duration timeout) {
        return classify(model, version, images, topK, timeout, answers -> answers);
    }

    private <T> CompletableFuture<T> classify(String model, String version, List<byte[]> images, Integer topK,
                                              Duration timeout, Function<List<Classification>, T> shape) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a classify request needs at least 1 image, was given 0");
        }
        long start = System.nanoTime();
        // Model and parameters first: a request for a missing model should not cost a decode.
        ServedModel served;
        try {
            served = registry.require(model, version);
        } catch (ModelNotReadyException e) {
            observer.failed(model, e.version(), e, System.nanoTime() - start);
            throw e;
        }
        CompletableFuture<List<Classification>> answers;
        try {
            answers = classify(served, images, topK, timeout, start);
        } catch (RuntimeException e) {
            observer.failed(served.name(), served.version(), e, System.nanoTime() - start);
            throw e;
        }
        CompletableFuture<T> shaped = new CompletableFuture<>();
        answers.whenComplete((classifications, error) -> {
            Throwable cause = error == null ? null : PendingPredictions.unwrap(error);
            if (cause == null) {
                observer.finished(served.name(), served.version(), RequestOutcome.SUCCESS, System.nanoTime() - start);
            } else {
                observer.failed(served.name(), served.version(), cause, System.nanoTime() - start);
            }
            if (cause == null) {
                shaped.complete(shape.apply(classifications));
            } else {
                shaped.completeExceptionally(cause);
            }
        });
        return shaped;
    }

    private CompletableFuture<List<Classification>> classify(ServedModel served, List<byte[]> images, Integer topK,
                                                             Duration timeout, long start) {
        int k = topK(topK, served.config().classes());
        checkCount(served, images.size());
        if (!served.hasRoomFor(images.size())) {
            // Refused before decoding: under overload a refusal must cost next to nothing.
            throw new QueueFullException(served.queueName(), served.queueCapacity());
        }
        List<Prepared> prepared = new ArrayList<>(images.size());
        long imageStart = start; // the first image's decode time includes finding the model, as before
        for (byte[] image : images) {
            Prepared tensor = prepare(served, image, imageStart);
            observer.preprocessed(served.name(), served.version(), tensor.preprocessedAt() - imageStart);
            prepared.add(tensor);
            imageStart = tensor.preprocessedAt();
        }
        ServedModel.Submissions submissions = served.submitAll(prepared.stream().map(Prepared::tensor).toList(),
                timeout);
        return PendingPredictions.await(submissions.results(), submissions.timeout(), timer,
                () -> new DeadlineExceededException(served.name() + " version " + served.version(),
                        submissions.timeout())).thenApply(predictions -> {
                            double total = millis(System.nanoTime() - start);
                            List<Classification> answers = new ArrayList<>(predictions.size());
                            for (int i = 0; i < predictions.size(); i++) {
                                answers.add(answer(served, prepared.get(i), predictions.get(i), k, total));
                            }
                            return answers;
                        });
    }

    private static Classification answer(ServedModel served, Prepared prepared, Prediction prediction, int k,
                                         double totalMs) {
        var timings = new Classification.Timings(millis(prepared.decodedAt() - prepared.startedAt()),
                millis(prepared.preprocessedAt() - prepared.decodedAt()), prediction.queued().toNanos() / 1e6,
                prediction.computed().toNanos() / 1e6, totalMs);
        return new Classification(served.name(), served.version(), served.weights().label(),
                topK(prediction.probabilities(), served.labels(), k), timings);
    }

    /** One image as the model's input, and when its decoding started and ended and its preprocessing ended. */
    private record Prepared(float[] tensor, long startedAt, long decodedAt, long preprocessedAt) {
    }

    private Prepared prepare(ServedModel served, byte[] image, long startedAt) {
        ImageTensors.Tensor tensor = new ImageTensors(decoder, budget).toTensor(image, served.config());
        return new Prepared(tensor.values(), startedAt, tensor.decodedAt(), System.nanoTime());
    }

    private void checkCount(ServedModel served, int images) {
        if (images > properties.maxImagesPerRequest()) {
            throw new TooManyImagesException("a request may carry at most " + properties.maxImagesPerRequest()
                    + " images, this one has " + images);
        }
        if (images > served.queueCapacity()) {
            throw new TooManyImagesException("the queue of " + served.name() + " version " + served.version()
                    + " holds at most " + served.queueCapacity() + " images, this request has " + images);
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
