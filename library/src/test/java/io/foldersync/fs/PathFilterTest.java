package io.foldersync.fs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ant-style patterns against relative paths, as Camel's antExclude reads them. */
class PathFilterTest {

    @Test
    void excludesMatchFilesAndFoldersAtTheDepthTheyName() {
        PathFilter filter = PathFilter.of("", "**/*.tmp, **/.git/**, **/node_modules/**, cache/, *.log");

        assertTrue(filter.excludesFile("a.tmp"));
        assertTrue(filter.excludesFile("deep/er/b.tmp"));
        assertFalse(filter.excludesFile("a.tmp.keep"));
        assertTrue(filter.excludesFolder(".git"), "the folder itself, so it is not walked");
        assertTrue(filter.excludesFolder("project/.git"));
        assertTrue(filter.excludesFile("project/.git/config"));
        assertFalse(filter.excludesFolder(".github"), "a name that only starts the same");
        assertTrue(filter.excludesFolder("web/node_modules"));
        assertTrue(filter.excludesFolder("cache"), "a pattern ending in / is that folder");
        assertTrue(filter.excludesFile("cache/x/y.bin"), "and everything below");
        assertFalse(filter.excludesFolder("sub/cache"), "anchored at SOURCE, as in Ant");
        assertTrue(filter.excludesFile("top.log"));
        assertFalse(filter.excludesFile("sub/nested.log"), "*.log names a top-level file only");
        assertFalse(filter.excludesFile(".hidden"), "hidden entries are mirrored unless a pattern says otherwise");
    }

    @Test
    void includesLetThroughOnlyWhatMatchesAndTheFoldersOnTheWay() {
        PathFilter filter = PathFilter.of("**/*.pdf, invoices/**", "**/draft-*");

        assertFalse(filter.excludesFile("report.pdf"));
        assertFalse(filter.excludesFile("a/b/report.pdf"));
        assertTrue(filter.excludesFile("a/b/report.txt"));
        assertFalse(filter.excludesFolder("a/b"), "may hold a pdf: walked");
        assertFalse(filter.excludesFile("invoices/2026/x.xml"));
        assertTrue(filter.excludesFile("a/draft-1.pdf"), "excludes win over includes");
        PathFilter onlyInvoices = PathFilter.of("invoices/**", "");
        assertTrue(onlyInvoices.excludesFolder("photos"), "cannot lead to a match: not walked");
        assertFalse(onlyInvoices.excludesFolder("invoices"));
    }

    @Test
    void noPatternsIsTheEmptyFilter() {
        assertSame(PathFilter.NONE, PathFilter.of(" ", null));
        assertFalse(PathFilter.NONE.excludesFile("anything"));
        assertFalse(PathFilter.NONE.excludesFolder("anything"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/**", "a/../b", "./a", "a\\b", "a//b", "**.tmp", "x/a**"})
    void aPatternThatCannotMatchARelativePathIsRefused(String pattern) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PathFilter.of("", pattern));
        assertTrue(refused.getMessage().contains("'" + pattern + "'"), refused.getMessage());
    }
}
