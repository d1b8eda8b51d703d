package org.cnnserve.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the page writes numbers: short, with their unit, and the same on every row. */
final class Numbers {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Numbers() {
    }

    /** 61706 as "61.7 K", 15.5e9 as "15.5 G". */
    static String count(double value) {
        String[] prefixes = {"", " K", " M", " G", " T"};
        int i = 0;
        double v = value;
        while (Math.abs(v) >= 1000 && i < prefixes.length - 1) {
            v /= 1000;
            i++;
        }
        return (i == 0 ? String.format(Locale.ROOT, "%.0f", v) : threeDigits(v)) + prefixes[i];
    }

    /** Binary units, as memory is usually read: "1.5 MiB". */
    static String bytes(double value) {
        String[] units = {" B", " KiB", " MiB", " GiB", " TiB"};
        int i = 0;
        double v = value;
        while (Math.abs(v) >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return (i == 0 ? String.format(Locale.ROOT, "%.0f", v) : threeDigits(v)) + units[i];
    }

    /** About three significant digits, never in exponent form: 1.50, 12.3, 1023. */
    private static String threeDigits(double v) {
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    static String millis(Double ms) {
        return ms == null ? "–" : String.format(Locale.ROOT, ms < 10 ? "%.2f ms" : "%.0f ms", ms);
    }

    static String rate(Double perSecond, String unit) {
        return perSecond == null ? "–" : String.format(Locale.ROOT, perSecond < 10 ? "%.2f %s" : "%.0f %s", perSecond,
                unit);
    }

    static String when(Instant instant) {
        return WHEN.format(instant);
    }

    /** For data attributes: plain, locale-free, empty for none. */
    static String raw(Double value) {
        return value == null ? null : Double.toString(value);
    }
}
