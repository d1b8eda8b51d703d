package org.cnnserve.architectures;

/**
 * One figure from the lecture set against the same quantity computed from first principles.
 *
 * @param id            stable identifier, e.g. {@code vgg16-parameters}
 * @param description   what is being checked
 * @param lectureFigure the figure as the lecture states it, and its value in {@code unit}
 * @param computed      the computed value in {@code unit}; null when {@code status} is {@code unavailable}
 * @param unit          what both numbers count
 * @param tolerance     the largest relative difference that still agrees (0: must be exact)
 * @param agrees        whether |difference| is within the tolerance (false when unavailable)
 * @param difference    (lecture - computed) / computed: how far off the lecture is; null when unavailable
 * @param status        {@code agrees}, {@code disagrees} or {@code unavailable} (a network the catalogue lacks)
 * @param explanation   how the computed value arises, and why the figures differ where they do
 */
public record LectureCheck(String id, String description, Figure lectureFigure, Double computed, String unit,
                           double tolerance, boolean agrees, Double difference, String status, String explanation) {

    /** A figure as stated ("about 35K") and as a number (35000). */
    public record Figure(String text, double value) {
    }

    static LectureCheck of(String id, String description, Figure lecture, double computed, String unit,
                           double tolerance, String explanation) {
        double difference = (lecture.value() - computed) / computed;
        // The tolerance is a stated fraction; a tiny epsilon keeps exact checks exact despite rounding.
        boolean agrees = Math.abs(difference) <= tolerance + 1e-12;
        return new LectureCheck(id, description, lecture, computed, unit, tolerance, agrees, difference,
                agrees ? "agrees" : "disagrees", explanation);
    }

    static LectureCheck unavailable(String id, String description, Figure lecture, String unit, double tolerance,
                                    String explanation) {
        return new LectureCheck(id, description, lecture, null, unit, tolerance, false, null, "unavailable",
                explanation);
    }
}
