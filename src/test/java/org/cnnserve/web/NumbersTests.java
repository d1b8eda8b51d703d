package org.cnnserve.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The page's number formats: short, with the unit, never in exponent form. */
class NumbersTests {

    @Test
    void countsUseDecimalPrefixes() {
        assertThat(Numbers.count(999)).isEqualTo("999");
        assertThat(Numbers.count(61_706)).isEqualTo("61.7 K");
        assertThat(Numbers.count(999_900)).isEqualTo("1000 K");
        assertThat(Numbers.count(15.47e9)).isEqualTo("15.5 G");
    }

    @Test
    void bytesUseBinaryUnitsWithoutExponents() {
        assertThat(Numbers.bytes(1023)).isEqualTo("1023 B");
        assertThat(Numbers.bytes(1020 * 1024 + 100)).isEqualTo("1020 KiB");
        assertThat(Numbers.bytes(3L << 20)).isEqualTo("3.00 MiB");
        assertThat(Numbers.bytes(-(5L << 20))).isEqualTo("-5.00 MiB");
    }

    @Test
    void timesAndRatesKeepTwoDecimalsOnlyWhenSmall() {
        assertThat(Numbers.millis(3.254)).isEqualTo("3.25 ms");
        assertThat(Numbers.millis(31.0)).isEqualTo("31 ms");
        assertThat(Numbers.millis(null)).isEqualTo("–");
        assertThat(Numbers.rate(461.5, "/s")).isEqualTo("462 /s");
    }
}
