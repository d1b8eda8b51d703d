package org.cnnserve.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cnnserve.imaging.ImageDecoder;

/**
 * The data sets in one directory, by folder name. A folder holding
 * {@code <split>-images-idx3-ubyte[.gz]} and {@code <split>-labels-idx1-ubyte[.gz]} is an IDX data
 * set (split {@code t10k} when it has one, else {@code test}, else its only split), with class
 * names from an optional {@code labels.txt}; any other folder is read in the ImageFolder layout.
 */
public final class DatasetCatalog {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String IDX_IMAGES = "-images-idx3-ubyte";

    private final Path directory;
    private final ImageDecoder decoder;

    public DatasetCatalog(Path directory, ImageDecoder decoder) {
        this.directory = directory;
        this.decoder = decoder;
    }

    public Path directory() {
        return directory;
    }

    /** The data set folder names, sorted. */
    public List<String> names() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(directory)) {
            return folders.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> NAME.matcher(n).matches()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Opens data set {@code name}: reads IDX files whole, lists an image folder.
     *
     * @throws DatasetException {@code UNKNOWN} when there is no such folder, {@code UNREADABLE} when
     *                          its files cannot be used
     */
    public LabelledImages open(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new DatasetException(DatasetException.Kind.UNKNOWN, "a data set name is a folder name under "
                    + directory + " (letters, digits, '.', '_', '-'), was '" + name + "'");
        }
        Path folder = directory.resolve(name);
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(DatasetException.Kind.UNKNOWN, "no data set '" + name + "' in " + directory
                    + "; there are " + names());
        }
        String split = idxSplit(folder);
        return split == null ? ImageFolderDataset.open(folder, decoder) : IdxDataset.read(folder, split);
    }

    /** The IDX split to read, or {@code null} when the folder holds no IDX images. */
    private static String idxSplit(Path folder) {
        List<String> splits;
        try (Stream<Path> files = Files.list(folder)) {
            splits = files.map(p -> p.getFileName().toString()).filter(n -> n.contains(IDX_IMAGES))
                    .map(n -> n.substring(0, n.indexOf(IDX_IMAGES))).distinct().sorted().toList();
        } catch (IOException e) {
            throw new DatasetException(DatasetException.Kind.UNREADABLE, "cannot list " + folder + ": " + e.getMessage(), e);
        }
        if (splits.isEmpty()) {
            return null;
        }
        for (String preferred : List.of("t10k", "test")) {
            if (splits.contains(preferred)) {
                return preferred;
            }
        }
        if (splits.size() > 1) {
            throw new DatasetException(DatasetException.Kind.UNREADABLE, folder + " holds several IDX splits " + splits
                    + " and none is t10k or test: keep one split per data set folder");
        }
        return splits.get(0);
    }
}
