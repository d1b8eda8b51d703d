package org.cnnserve.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnnserve.imaging.DecodedImage;

/** IDX images (Fashion-MNIST's format) as grey images scaled to [0, 1], as a decoded PNG of them would be. */
final class IdxDataset implements LabelledImages {

    private final String description;
    private final IdxImages images;
    private final List<String> classNames;

    /**
     * Reads split {@code split} of the IDX files in {@code folder}, with class names from its
     * {@code labels.txt} when there is one.
     *
     * @throws DatasetException {@code UNREADABLE} when the files cannot be read as IDX
     */
    static IdxDataset read(Path folder, String split) {
        try {
            IdxImages images = IdxImages.read(folder, split);
            Path labelsFile = folder.resolve("labels.txt");
            List<String> classNames = Files.isRegularFile(labelsFile)
                    ? Files.readAllLines(labelsFile).stream().map(String::strip).filter(l -> !l.isEmpty()).toList()
                    : List.of();
            return new IdxDataset(folder.getFileName() + " (IDX split " + split + ")", images, classNames);
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(DatasetException.Kind.UNREADABLE, "cannot read the IDX split " + split + " in "
                    + folder + ": " + e.getMessage(), e);
        }
    }

    IdxDataset(String description, IdxImages images, List<String> classNames) {
        this.description = description;
        this.images = images;
        this.classNames = List.copyOf(classNames);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int size() {
        return images.count();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int label(int i) {
        return images.label(i);
    }

    @Override
    public DecodedImage image(int i) {
        int size = images.rows() * images.cols();
        float[] grey = new float[size];
        for (int p = 0; p < size; p++) {
            grey[p] = images.pixel(i, p) / 255f;
        }
        return new DecodedImage("idx", images.cols(), images.rows(), 1, grey);
    }
}
