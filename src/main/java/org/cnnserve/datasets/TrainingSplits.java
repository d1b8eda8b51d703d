package org.cnnserve.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cnnserve.imaging.ImageDecoder;

/**
 * A data set folder's training and test splits: IDX files ({@code train-*} with {@code t10k-*} or
 * {@code test-*}, class names from an optional {@code labels.txt}), or two ImageFolder trees,
 * {@code train/} and {@code test/} (or {@code val/}), with the same class folders.
 */
public record TrainingSplits(LabelledImages train, LabelledImages test) {

    /** @throws DatasetException {@code UNREADABLE} naming what is missing or wrong */
    public static TrainingSplits open(Path folder, ImageDecoder decoder) {
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(DatasetException.Kind.UNKNOWN, "no data set folder " + folder);
        }
        if (exists(folder, "train-images-idx3-ubyte")) {
            String test = exists(folder, "t10k-images-idx3-ubyte") ? "t10k" : "test";
            return new TrainingSplits(IdxDataset.read(folder, "train"), IdxDataset.read(folder, test));
        }
        Path train = folder.resolve("train");
        Path test = Files.isDirectory(folder.resolve("test")) ? folder.resolve("test") : folder.resolve("val");
        if (!Files.isDirectory(train) || !Files.isDirectory(test)) {
            throw new DatasetException(DatasetException.Kind.UNREADABLE, folder + " holds neither IDX files "
                    + "(train-images-idx3-ubyte[.gz] with t10k-* or test-*) nor ImageFolder splits train/ and test/");
        }
        LabelledImages trainImages = ImageFolderDataset.open(train, decoder);
        LabelledImages testImages = ImageFolderDataset.open(test, decoder);
        if (!trainImages.classNames().equals(testImages.classNames())) {
            throw new DatasetException(DatasetException.Kind.LABEL_MISMATCH, train + " has classes "
                    + trainImages.classNames() + " but " + test + " has " + testImages.classNames());
        }
        return new TrainingSplits(trainImages, testImages);
    }

    private static boolean exists(Path folder, String base) {
        return Files.isRegularFile(folder.resolve(base)) || Files.isRegularFile(folder.resolve(base + ".gz"));
    }
}
