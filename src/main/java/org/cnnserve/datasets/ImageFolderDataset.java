package org.cnnserve.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.cnnserve.imaging.DecodedImage;
import org.cnnserve.imaging.ImageDecoder;
import org.cnnserve.imaging.ImageRejectedException;

/**
 * The ImageFolder layout: {@code root/<class name>/<image files>}. Classes are the sub-folders in
 * name order (hidden folders excepted), images each folder's image files in name order; other
 * files are ignored.
 */
final class ImageFolderDataset implements LabelledImages {

    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp", "webp");

    private final Path root;
    private final List<String> classNames;
    private final List<Path> files;
    private final int[] labels;
    private final ImageDecoder decoder;

    private ImageFolderDataset(Path root, List<String> classNames, List<Path> files, int[] labels,
                               ImageDecoder decoder) {
        this.root = root;
        this.classNames = classNames;
        this.files = files;
        this.labels = labels;
        this.decoder = decoder;
    }

    /** Lists the folder; every image file must be a readable, non-empty file. */
    static ImageFolderDataset open(Path root, ImageDecoder decoder) {
        List<String> classNames = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        try (Stream<Path> classes = Files.list(root)) {
            for (Path classDir : classes.filter(ImageFolderDataset::isClassFolder).sorted().toList()) {
                int label = classNames.size();
                classNames.add(classDir.getFileName().toString());
                try (Stream<Path> images = Files.list(classDir)) {
                    for (Path image : images.filter(ImageFolderDataset::isImageFile).sorted().toList()) {
                        if (!Files.isReadable(image) || Files.size(image) == 0) {
                            unreadable.add(root.relativize(image).toString());
                        }
                        files.add(image);
                        labels.add(label);
                    }
                }
            }
        } catch (IOException e) {
            throw new DatasetException(DatasetException.Kind.UNREADABLE, "cannot list " + root + ": " + e.getMessage(), e);
        }
        if (!unreadable.isEmpty()) {
            throw new DatasetException(DatasetException.Kind.UNREADABLE, unreadable.size()
                    + " image file(s) in " + root + " are empty or unreadable, e.g. " + unreadable.subList(0,
                    Math.min(5, unreadable.size())));
        }
        if (files.isEmpty()) {
            throw new DatasetException(DatasetException.Kind.UNREADABLE, root + " has no images in the ImageFolder "
                    + "layout <class name>/<image>." + EXTENSIONS);
        }
        return new ImageFolderDataset(root, List.copyOf(classNames), List.copyOf(files),
                labels.stream().mapToInt(Integer::intValue).toArray(), decoder);
    }

    /** Hidden folders (.ipynb_checkpoints, .git) are tools' leftovers, not classes. */
    private static boolean isClassFolder(Path folder) {
        return Files.isDirectory(folder) && !folder.getFileName().toString().startsWith(".");
    }

    private static boolean isImageFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return Files.isRegularFile(file) && dot > 0
                && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    @Override
    public String description() {
        return "image folder " + root;
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int label(int i) {
        return labels[i];
    }

    @Override
    public DecodedImage image(int i) {
        Path file = files.get(i);
        try {
            return decoder.decode(Files.readAllBytes(file));
        } catch (IOException | ImageRejectedException e) {
            throw new DatasetException(DatasetException.Kind.UNREADABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
