package org.cnnserve.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

class EpochSelectionTests {

    @Test
    void theEpochWithTheHighestValidationTop1IsKeptEvenWhenLaterOnesAreWorse() {
        var selection = new EpochSelection<String>();
        selection.epochDone(0.70, "weights after 1");
        selection.epochDone(0.82, "weights after 2");
        selection.epochDone(0.79, "weights after 3");

        assertThat(selection.selectedEpoch()).isEqualTo(2);
        assertThat(selection.selected()).isEqualTo("weights after 2");
        assertThat(selection.selectedTop1()).isEqualTo(0.82);
        assertThat(selection.top1PerEpoch()).containsExactly(0.70, 0.82, 0.79);
    }

    @Test
    void aLaterEpochThatOnlyTiesDoesNotReplaceTheEarlierOne() {
        var selection = new EpochSelection<String>();
        selection.epochDone(0.80, "first");
        selection.epochDone(0.80, "second");

        assertThat(selection.selectedEpoch()).isEqualTo(1);
        assertThat(selection.selected()).isEqualTo("first");
    }

    @Test
    void aLaterBetterEpochIsSelected() {
        var selection = new EpochSelection<String>();
        selection.epochDone(0.5, "first");
        selection.epochDone(0.6, "second");

        assertThat(selection.selectedEpoch()).isEqualTo(2);
        assertThat(selection.selected()).isEqualTo("second");
    }

    @Test
    void thereIsNothingToSelectBeforeTheFirstEpoch() {
        assertThatIllegalStateException().isThrownBy(() -> new EpochSelection<String>().selected());
    }
}
