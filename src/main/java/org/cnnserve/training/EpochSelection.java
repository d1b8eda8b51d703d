package org.cnnserve.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Which epoch's weights a run keeps: the one with the highest validation top-1, the earliest of
 * equals (more epochs are no reason to prefer a tie). The test split plays no part.
 *
 * @param <M> what an epoch's weights are kept as
 */
final class EpochSelection<M> {

    private final List<Double> top1PerEpoch = new ArrayList<>();
    private int selectedEpoch;
    private M selected;

    /** Records the next epoch's validation top-1 and keeps its weights if no earlier epoch did as well. */
    void epochDone(double validationTop1, M weights) {
        top1PerEpoch.add(validationTop1);
        if (selectedEpoch == 0 || validationTop1 > selectedTop1()) {
            selectedEpoch = top1PerEpoch.size();
            selected = weights;
        }
    }

    /** The validation top-1 of each epoch so far, first epoch first. */
    List<Double> top1PerEpoch() {
        return List.copyOf(top1PerEpoch);
    }

    /** The selected epoch, from 1. */
    int selectedEpoch() {
        requireAnEpoch();
        return selectedEpoch;
    }

    double selectedTop1() {
        requireAnEpoch();
        return top1PerEpoch.get(selectedEpoch - 1);
    }

    /** The selected epoch's weights. */
    M selected() {
        requireAnEpoch();
        return selected;
    }

    private void requireAnEpoch() {
        if (selectedEpoch == 0) {
            throw new IllegalStateException("no epoch has finished yet");
        }
    }
}
