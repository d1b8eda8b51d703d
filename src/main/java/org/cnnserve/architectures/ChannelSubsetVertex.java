package org.cnnserve.architectures;

import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A {@link SubsetVertex} over channels {@code from..to} (inclusive) that reports its output type
 * correctly. DL4J 1.0.0-M2.1's SubsetVertex declares {@code from - to + 1} channels for
 * convolutional input (a negative count for any range wider than one channel), and the graph
 * builder then sets the next layer's nIn from that count, overriding any nIn given explicitly. The
 * forward and backward passes are SubsetVertex's own, which are correct; only the declared type
 * changes. Being a SubsetVertex, it is found by {@code instanceof} checks and equals a SubsetVertex
 * over the same range; it round-trips through the configuration JSON under its own class name.
 */
final class ChannelSubsetVertex extends SubsetVertex {

    ChannelSubsetVertex(@JsonProperty("from") int from, @JsonProperty("to") int to) {
        super(from, to);
    }

    @Override
    public ChannelSubsetVertex clone() {
        return new ChannelSubsetVertex(getFrom(), getTo());
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != 1 || vertexInputs[0].getType() != InputType.Type.CNN) {
            return super.getOutputType(layerIndex, vertexInputs);
        }
        InputType.InputTypeConvolutional conv = (InputType.InputTypeConvolutional) vertexInputs[0];
        if (getFrom() < 0 || getTo() < getFrom() || getTo() >= conv.getChannels()) {
            throw new InvalidInputTypeException("channel range [" + getFrom() + ", " + getTo()
                    + "] must lie within the " + conv.getChannels() + " input channels");
        }
        return InputType.convolutional(conv.getHeight(), conv.getWidth(), getTo() - getFrom() + 1, conv.getFormat());
    }
}
