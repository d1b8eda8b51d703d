package org.cnnserve.training;

import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * How {@code train} updates weights, as the base every architecture's training configuration is
 * built on: SGD with Nesterov momentum, L2 weight decay, and the rate cut by 10 at half and at three
 * quarters of the steps. {@code bench architectures --mode training} builds on it too, so that it
 * times the steps {@code train} takes.
 */
public record Optimiser(double learningRate, double momentum, double weightDecay, long seed) {

    /** As recorded in {@code training.json}. */
    static final String DESCRIPTION = "SGD, Nesterov momentum";
    static final String SCHEDULE = "x0.1 at 50% and 75% of the steps";

    /** The base configuration for a run of {@code steps} steps. */
    public NeuralNetConfiguration.Builder base(int steps) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Nesterovs(rates(steps), momentum))
                .weightDecay(weightDecay)
                // Where a convolution has no native helper (LayerKernels), keeps its im2col buffer from the
                // forward pass for the backward pass, which otherwise recomputes it: about 30% faster there.
                .cacheMode(CacheMode.DEVICE);
    }

    ISchedule rates(int steps) {
        // In step order, so that in a run too short for three distinct steps the later rate wins.
        Map<Integer, Double> rates = new TreeMap<>();
        rates.put(0, learningRate);
        rates.put(steps / 2, learningRate / 10);
        rates.put((int) (steps * 3L / 4), learningRate / 100);
        return new MapSchedule(ScheduleType.ITERATION, rates);
    }
}
