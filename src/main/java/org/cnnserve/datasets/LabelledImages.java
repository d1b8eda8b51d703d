package org.cnnserve.datasets;

import java.util.List;
import org.cnnserve.imaging.DecodedImage;

/** A labelled data set read image by image, so that a large one never sits in memory at once. */
public interface LabelledImages {

    /** What the data set is called and where it lies, for messages and reports. */
    String description();

    int size();

    /**
     * The class names, by class index; empty when the data set has class indices only (IDX files
     * without a {@code labels.txt}), which then mean the model's own class indices.
     */
    List<String> classNames();

    /** The class index of image {@code i}. */
    int label(int i);

    /**
     * Image {@code i}, decoded.
     *
     * @throws DatasetException when the image cannot be read or decoded
     */
    DecodedImage image(int i);
}
