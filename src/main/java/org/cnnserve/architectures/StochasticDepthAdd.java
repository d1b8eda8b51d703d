package org.cnnserve.architectures;

import java.util.Random;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.impl.ElementWiseVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The residual add of {@link StochasticDepthAddVertex} at work. Inputs: the residual branch, then
 * the shortcut. While training, each mini-batch drops the branch with the vertex's probability
 * (the block is then the identity, and its branch gets no gradient) and scales a kept branch by
 * 1 / (1 - p), so that at test time the plain sum is the expected value (Huang et al. 2016).
 */
final class StochasticDepthAdd extends ElementWiseVertex {

    private final double dropProbability;
    private final Random random;
    private boolean kept = true;

    StochasticDepthAdd(ComputationGraph graph, String name, int index, double dropProbability, long seed,
                       DataType dataType) {
        super(graph, name, index, Op.Add, dataType);
        this.dropProbability = dropProbability;
        this.random = new Random(seed * 31 + index);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!training || dropProbability == 0) {
            kept = true;
            return super.doForward(training, workspaceMgr);
        }
        kept = random.nextDouble() >= dropProbability;
        INDArray branch = inputs[0];
        INDArray shortcut = inputs[1];
        if (!kept) {
            return workspaceMgr.dup(ArrayType.ACTIVATIONS, shortcut);
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, branch.dataType(), branch.shape(),
                branch.ordering());
        return out.assign(branch).muli(1.0 / (1.0 - dropProbability)).addi(shortcut);
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (dropProbability == 0) {
            return super.doBackward(tbptt, workspaceMgr);
        }
        INDArray branch = kept
                ? workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, epsilon).muli(1.0 / (1.0 - dropProbability))
                : workspaceMgr.create(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), epsilon.shape(),
                        epsilon.ordering());
        INDArray shortcut = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, epsilon);
        return new Pair<>(null, new INDArray[] {branch, shortcut});
    }

    @Override
    public String toString() {
        return "StochasticDepthAdd(" + vertexName + ", p=" + dropProbability + ")";
    }
}
