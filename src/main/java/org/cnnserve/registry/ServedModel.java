package org.cnnserve.registry;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.cnnserve.serving.ModelWorker;
import org.cnnserve.serving.Prediction;

/** A READY model version as the classify path sees it: what it expects, and where to send inputs. */
public final class ServedModel {

    private final String name;
    private final int version;
    private final ModelConfig config;
    private final List<String> labels;
    private final WeightsStatus weights;
    private final ModelWorker worker;

    ServedModel(String name, int version, ModelConfig config, List<String> labels, WeightsStatus weights,
                ModelWorker worker) {
        this.name = name;
        this.version = version;
        this.config = config;
        this.labels = labels;
        this.weights = weights;
        this.worker = worker;
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

    /** Queues one preprocessed CHW input; see {@link ModelWorker#submit} for the contract. */
    public CompletableFuture<Prediction> submit(float[] input) {
        return worker.submit(input);
    }
}
