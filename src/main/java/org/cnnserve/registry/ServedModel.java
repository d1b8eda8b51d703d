package org.cnnserve.registry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.cnnserve.serving.Prediction;
import org.cnnserve.serving.Scheduler;
import org.cnnserve.serving.Ticker;

/** A READY model version as the classify path sees it: what it expects, and where to send inputs. */
public final class ServedModel {

    private final String name;
    private final int version;
    private final ModelConfig config;
    private final List<String> labels;
    private final WeightsStatus weights;
    private final Scheduler scheduler;
    private final ServingPlan plan;
    private final Ticker ticker;

    ServedModel(String name, int version, ModelDefinition definition, WeightsStatus weights, Scheduler scheduler,
                ServingPlan plan, Ticker ticker) {
        this.name = name;
        this.version = version;
        this.config = definition.config();
        this.labels = definition.labels();
        this.weights = weights;
        this.scheduler = scheduler;
        this.plan = plan;
        this.ticker = ticker;
    }

    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    public ModelConfig config() {
        return config;
    }

    public List<String> labels() {
        return labels;
    }

    public WeightsStatus weights() {
        return weights;
    }

    /** The model's request timeout: the most a request may ask for. */
    public Duration requestTimeout() {
        return plan.requestTimeout();
    }

    /** The most images the model's scheduler puts in one forward pass. */
    public int maxBatchSize() {
        return plan.policy().maxBatchSize();
    }

    /** The plan the version was opened with. */
    ServingPlan plan() {
        return plan;
    }

    /**
     * Queues one preprocessed CHW input with a deadline of {@code timeout} from now (never more than
     * the model's request timeout); see {@link Scheduler#submit} for the contract.
     */
    public Submission submit(float[] input, Duration timeout) {
        Duration effective = effective(timeout);
        return new Submission(scheduler.submit(input, ticker.nanos() + effective.toNanos()), effective);
    }

    /**
     * Queues several preprocessed CHW inputs together, all or none, with one deadline; see
     * {@link Scheduler#submitAll}. The futures come back in the order of the inputs.
     */
    public Submissions submitAll(List<float[]> inputs, Duration timeout) {
        Duration effective = effective(timeout);
        return new Submissions(scheduler.submitAll(inputs, ticker.nanos() + effective.toNanos()), effective);
    }

    /** The most requests the model's queue holds: more inputs than this can never be admitted together. */
    public int queueCapacity() {
        return scheduler.queueCapacity();
    }

    /**
     * Whether {@code images} more would find places in the queue now: a hint for refusing before the
     * work of decoding, not a reservation ({@link #submitAll} decides). Places held by requests
     * cancelled at their deadline count until the scheduler next forms a batch.
     */
    public boolean hasRoomFor(int images) {
        return scheduler.queueDepth() + images <= scheduler.queueCapacity();
    }

    /** The scheduler's name for this version, as its queue-full and deadline answers give it. */
    public String queueName() {
        return name + ":" + version;
    }

    private Duration effective(Duration timeout) {
        Duration requestTimeout = plan.requestTimeout();
        return timeout == null || timeout.compareTo(requestTimeout) > 0 ? requestTimeout : timeout;
    }

    /** An accepted (or already refused) input and the time it was given. */
    public record Submission(CompletableFuture<Prediction> result, Duration timeout) {
    }

    /** Inputs queued together (or refused together) and the time they were given. */
    public record Submissions(List<CompletableFuture<Prediction>> results, Duration timeout) {

        public Submissions {
            results = List.copyOf(results);
        }
    }
}
