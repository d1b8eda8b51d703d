package org.cnnserve.datasets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which model class each data set class is. Named classes match a model label when they agree up to
 * case, surrounding space, and '_', '-' or '/' for a space ("ankle_boot" is "Ankle boot"); a data set
 * without names uses the model's class indices.
 */
public final class LabelMapping {

    private LabelMapping() {
    }

    /**
     * @return for each data set class index, the model class index; it covers every label in the data set
     * @throws DatasetException {@code LABEL_MISMATCH} naming the classes the model does not have, or when a
     *                          label has no class name (an IDX {@code labels.txt} too short)
     */
    public static int[] of(LabelledImages data, List<String> modelLabels) {
        if (data.classNames().isEmpty()) {
            return byIndex(data, modelLabels.size());
        }
        int highest = highestLabel(data);
        if (highest >= data.classNames().size()) {
            throw new DatasetException(DatasetException.Kind.LABEL_MISMATCH, data.description() + " has class index "
                    + highest + " but only " + data.classNames().size() + " class names");
        }
        Map<String, Integer> model = new HashMap<>();
        for (int i = 0; i < modelLabels.size(); i++) {
            model.putIfAbsent(normalise(modelLabels.get(i)), i);
        }
        int[] mapping = new int[data.classNames().size()];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < mapping.length; c++) {
            Integer index = model.get(normalise(data.classNames().get(c)));
            if (index == null) {
                missing.add(data.classNames().get(c));
            } else {
                mapping[c] = index;
            }
        }
        if (!missing.isEmpty()) {
            throw new DatasetException(DatasetException.Kind.LABEL_MISMATCH, data.description() + " has "
                    + missing.size() + " class(es) the model has no label for: " + head(missing)
                    + "; the model's labels are " + head(modelLabels));
        }
        return mapping;
    }

    private static int[] byIndex(LabelledImages data, int classes) {
        int highest = highestLabel(data);
        if (highest >= classes) {
            throw new DatasetException(DatasetException.Kind.LABEL_MISMATCH, data.description() + " has class index "
                    + highest + " but the model has " + classes + " classes (0 to " + (classes - 1) + ")");
        }
        int[] identity = new int[highest + 1];
        for (int c = 0; c < identity.length; c++) {
            identity[c] = c;
        }
        return identity;
    }

    private static int highestLabel(LabelledImages data) {
        int highest = -1;
        for (int i = 0; i < data.size(); i++) {
            highest = Math.max(highest, data.label(i));
        }
        return highest;
    }

    static String normalise(String label) {
        return label.strip().toLowerCase(Locale.ROOT).replaceAll("[_/\\s-]+", " ");
    }

    private static String head(List<String> names) {
        return names.size() <= 10 ? names.toString() : names.subList(0, 10) + " and " + (names.size() - 10) + " more";
    }
}
