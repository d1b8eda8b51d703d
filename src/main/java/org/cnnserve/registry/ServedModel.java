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
        Duration requestTimeout = plan.requestTimeout();
        Duration effective = timeout == null || timeout.compareTo(requestTimeout) > 0 ? requestTimeout : timeout;
        long deadline = ticker.nanos() + effective.toNanos();
        return new Submission(scheduler.submit(input, deadline), effective);
    }

    /** An accepted (or already refused) input and the time it was given. */
    public record Submission(CompletableFuture<Prediction> result, Duration timeout) {
    }
}
