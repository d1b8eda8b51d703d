package org.cnnserve.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cnnserve.architectures.InputShape;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class BatchShapesTests {

    private static final InputShape GREY_4X4 = new InputShape(4, 4, 1);

    @Test
    void acceptsInputsOfTheModelsSizeAndSaysWhichOneIsNot() {
        assertThat(BatchShapes.checkInputs(new float[][] {new float[16], new float[16]}, GREY_4X4)).isEqualTo(16);
        assertThatThrownBy(() -> BatchShapes.checkInputs(new float[][] {new float[16], new float[15]}, GREY_4X4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input 1 has 15 values, the model takes 16 (4x4x1)");
    }

    @Test
    void refusesAnOutputThatIsNotOneRowOfTheClassesPerInput() {
        BatchShapes.checkOutput(Nd4j.zeros(DataType.FLOAT, 3, 10), 3, 10);
        assertThatThrownBy(() -> BatchShapes.checkOutput(Nd4j.zeros(DataType.FLOAT, 3, 1000), 3, 10))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[3, 1000] for 3 inputs")
                .hasMessageContaining("10 classes");
        assertThatThrownBy(() -> BatchShapes.checkOutput(Nd4j.zeros(DataType.FLOAT, 2, 10), 3, 10))
                .isInstanceOf(IllegalStateException.class);
    }
}
