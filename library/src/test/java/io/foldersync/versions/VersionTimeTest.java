package io.foldersync.versions;

import java.time.Instant;

import io.foldersync.settings.SettingsException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionTimeTest {

    @Test
    void readsIsoWithAZoneAndTheStampForm() {
        Instant at = Instant.parse("2026-12-01T10:15:00Z");
        assertEquals(at, VersionTime.parse("--at", "2026-12-01T10:15:00Z"));
        assertEquals(at, VersionTime.parse("--at", "2026-12-01T11:15:00+01:00"));
        assertEquals(at.plusMillis(250), VersionTime.parse("--at", "2026-12-01T10:15:00.25Z"));
        assertEquals(at, VersionTime.parse("--at", "20261201-101500"));
        assertEquals(at.plusMillis(42), VersionTime.parse("--at", "20261201-101500-042"));
    }

    @Test
    void aTimeWithoutItsZoneOrInAnotherFormIsAUsageErrorSayingTheForms() {
        for (String text : new String[] {"2026-12-01T10:15:00", "yesterday", "2026-12-01", "20261301-101500", ""}) {
            SettingsException e = assertThrows(SettingsException.class, () -> VersionTime.parse("--at", text), text);
            assertTrue(e.getMessage().startsWith("--at " + text + " is not a time"), e.getMessage());
            assertTrue(e.getMessage().contains("2026-12-01T10:15:00Z") && e.getMessage().contains("20261201-101500"),
                    e.getMessage());
        }
    }

    @Test
    void printsUtcToTheMillisecondInOneWidth() {
        assertEquals("2026-12-01T10:15:00.000Z", VersionTime.format(Instant.parse("2026-12-01T10:15:00Z")));
        assertEquals("2026-12-01T10:15:00.042Z", VersionTime.format(Instant.parse("2026-12-01T10:15:00.042999Z")));
    }
}
