package org.cnnserve.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One operation of a compiled network: takes the arrays of its inputs, in order, and returns its output. */
@FunctionalInterface
interface Step {

    INDArray apply(INDArray[] inputs);
}
