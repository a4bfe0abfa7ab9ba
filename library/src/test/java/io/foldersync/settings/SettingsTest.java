package io.foldersync.settings;

import java.time.Duration;

import io.foldersync.observe.LogText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SettingsTest {

    @Test
    void intervalsTakeSecondsOrAUnit() {
        assertEquals(Duration.ofSeconds(60), Interval.parse("INTERVAL", "60"));
        assertEquals(Duration.ofMillis(500), Interval.parse("INTERVAL", "500ms"));
        assertEquals(Duration.ofSeconds(30), Interval.parse("INTERVAL", "30s"));
        assertEquals(Duration.ofMinutes(5), Interval.parse("INTERVAL", "5m"));
        assertEquals(Duration.ofHours(1), Interval.parse("INTERVAL", "1h"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "abc", "", "5 m", "1.5", "0ms", "10d"})
    void badIntervalsAreRefused(String text) {
        assertThrows(SettingsException.class, () -> Interval.parse("INTERVAL", text));
    }

    @Test
    void sizesTakeAUnit() {
        assertEquals(10L << 20, ByteSize.parse("k", "10MB"));
        assertEquals(4096, ByteSize.parse("k", "4KB"));
        assertEquals(100, ByteSize.parse("k", "100"));
        assertThrows(SettingsException.class, () -> ByteSize.parse("k", "0"));
        assertThrows(SettingsException.class, () -> ByteSize.parse("k", "ten"));
    }

    @Test
    void logTextEscapesControlCharactersAndBackslash() {
        assertEquals("plain/name.txt", LogText.escape("plain/name.txt"));
        assertEquals("a\\x0ab\\x0dc\\x09d\\x1b[31m", LogText.escape("a\nb\rc\td\u001b[31m"));
        assertEquals("back\\\\slash", LogText.escape("back\\slash"));
        assertEquals("ünïcødé", LogText.escape("ünïcødé"));
    }

    @Test
    void deleteLimitsTakeACountOrAPercentage() {
        assertEquals(false, DeleteLimit.parse("").isExceeded(1_000_000, 1_000_000));
        assertEquals(false, DeleteLimit.parse("10").isExceeded(10, 1000));
        assertEquals(true, DeleteLimit.parse("10").isExceeded(11, 1000));
        assertEquals(false, DeleteLimit.parse("50%").isExceeded(50, 100));
        assertEquals(true, DeleteLimit.parse("50%").isExceeded(51, 100));
        assertThrows(SettingsException.class, () -> DeleteLimit.parse("150%"));
        assertThrows(SettingsException.class, () -> DeleteLimit.parse("many"));
    }
}
