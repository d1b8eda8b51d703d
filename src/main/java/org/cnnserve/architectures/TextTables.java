package org.cnnserve.architectures;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plain-text tables for terminals and READMEs: columns padded to their widest cell, text left and
 * numbers right aligned, thousands separated by commas.
 */
public final class TextTables {

    private TextTables() {
    }

    /** Every row of an analysis, then its totals. */
    public static String analysis(Analysis analysis) {
        Table t = new Table("layer", "kind", "output", "params", "MACs", "activations", "RF")
                .rightAligned(3, 4, 5, 6);
        for (Analysis.Row r : analysis.rows()) {
            t.add(r.name(), r.kind(), r.outputText(), count(r.parameters()), count(r.macs()), count(r.activations()),
                    Long.toString(r.receptiveField()));
        }
        Analysis.Totals s = analysis.totals();
        t.rule();
        t.add("total", "", "", count(s.parameters()), count(s.macs()), count(s.activations()), "");
        StringBuilder text = new StringBuilder(t.render());
        text.append(String.format(Locale.ROOT, "%ninput %s: %s values%n", Analysis.dimensionsText(analysis.input()), count(s.inputElements())));
        text.append(String.format(Locale.ROOT, "parameters %s (%s at fp32), buffers %s%n", count(s.parameters()),
                scaled(s.parameterBytes(), "B"), count(s.buffers())));
        text.append(String.format(Locale.ROOT, "MACs %s (%s)%n", count(s.macs()), scaled(s.macs(), "MACs")));
        text.append(String.format(Locale.ROOT, "activations %s + input %s values (%s at fp32, one image)%n",
                count(s.activations()), count(s.inputElements()), scaled(s.activationBytes(), "B")));
        return text.toString();
    }

    /** The lecture checks, one line each, with their explanations below. */
    public static String lectureChecks(List<LectureCheck> checks) {
        Table t = new Table("check", "lecture", "computed", "unit", "agrees", "difference").rightAligned(2, 5);
        StringBuilder notes = new StringBuilder();
        for (LectureCheck c : checks) {
            boolean available = c.computed() != null;
            t.add(c.id(), c.lectureFigure().text(), available ? number(c.computed()) : "unavailable", c.unit(),
                    available ? (c.agrees() ? "yes" : "NO") : "-",
                    available ? String.format(Locale.ROOT, "%+.1f%%", 100 * c.difference()) : "-");
            notes.append(String.format(Locale.ROOT, "%n%s: %s%n  %s%n", c.id(), c.description(), c.explanation()));
        }
        return t.render() + notes;
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return count((long) value);
        }
        return String.format(Locale.ROOT, "%,.2f", value);
    }

    /** 4.09 GMACs, 102.2 MB, 35.5 kB: decimal prefixes, as the lecture's figures use. */
    private static String scaled(long value, String unit) {
        String[] prefixes = {"k", "M", "G", "T"};
        double v = value;
        int p = -1;
        while (v >= 1000 && p < prefixes.length - 1) {
            v /= 1000;
            p++;
        }
        return p < 0 ? value + " " + unit : String.format(Locale.ROOT, "%.2f %s%s", v, prefixes[p], unit);
    }

    /** Rows of cells; a null row is a rule. */
    private static final class Table {
        private final List<String[]> rows = new ArrayList<>();
        private final boolean[] right;

        Table(String... header) {
            rows.add(header);
            rows.add(null);
            right = new boolean[header.length];
        }

        Table rightAligned(int... columns) {
            for (int c : columns) {
                right[c] = true;
            }
            return this;
        }

        void add(String... cells) {
            rows.add(cells);
        }

        void rule() {
            rows.add(null);
        }

        String render() {
            int[] width = new int[right.length];
            for (String[] row : rows) {
                for (int c = 0; row != null && c < row.length; c++) {
                    width[c] = Math.max(width[c], row[c].length());
                }
            }
            StringBuilder out = new StringBuilder();
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < width.length; c++) {
                    String cell = row == null ? "-".repeat(width[c]) : row[c];
                    String pad = " ".repeat(width[c] - cell.length());
                    line.append(c == 0 ? "" : "  ").append(right[c] ? pad + cell : cell + pad);
                }
                out.append(line.toString().stripTrailing()).append('\n');
            }
            return out.toString();
        }
    }
}
