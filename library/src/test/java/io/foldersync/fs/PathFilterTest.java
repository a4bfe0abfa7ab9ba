package io.foldersync.fs;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Patterns as rsync, .gitignore and .stignore read them, against relative paths. */
class PathFilterTest {

    /**
     * One exclude pattern against one entry, with what {@code rsync -a --exclude PATTERN} does to it (each row run
     * through rsync 3.5.0; a folder's row means the folder itself, and what is below an excluded folder is excluded
     * too). Ours where rsync differs: {@code **} matches no folder too, as in Ant ({@code docs/**}{@code /*.pdf} matches
     * {@code docs/a.pdf}), braces choose among alternatives, and {@code \,} is a comma (rsync has neither).
     */
    @ParameterizedTest(name = "{0} on {1} ({2}): excluded {3}")
    @CsvSource(delimiter = '|', textBlock = """
            *.tmp            | a.tmp                 | file   | true
            *.tmp            | proj/deep/a.tmp       | file   | true
            *.tmp            | a.tmp.keep            | file   | false
            .git/            | proj/.git             | folder | true
            .git/            | proj/.git/config      | file   | true
            .git/            | .github               | folder | false
            node_modules/    | web/node_modules      | folder | true
            cache/           | cache                 | file   | false
            cache/           | cache                 | folder | true
            cache/           | sub/cache/x.bin       | file   | true
            cache            | sub/cache             | file   | true
            cache            | sub/cache/x.bin       | file   | true
            /build           | build                 | folder | true
            /build           | src/build             | folder | false
            /build/          | build                 | file   | false
            docs/*.pdf       | docs/a.pdf            | file   | true
            docs/*.pdf       | x/docs/a.pdf          | file   | true
            /docs/*.pdf      | x/docs/a.pdf          | file   | false
            docs/*.pdf       | docs/sub/a.pdf        | file   | false
            **/docs/*.pdf    | x/docs/a.pdf          | file   | true
            docs/**/*.pdf    | docs/a.pdf            | file   | true
            docs/**/*.pdf    | docs/x/y/a.pdf        | file   | true
            [ab].txt         | a.txt                 | file   | true
            [ab].txt         | d/b.txt               | file   | true
            [ab].txt         | c.txt                 | file   | false
            [!ab].txt        | c.txt                 | file   | true
            *.{tmp,bak}      | x/y.bak               | file   | true
            *.{tmp,bak}      | y.log                 | file   | false
            file?.log        | file1.log             | file   | true
            file?.log        | file10.log            | file   | false
            *                | .hidden               | file   | true
            \\*.txt          | *.txt                 | file   | true
            \\*.txt          | a.txt                 | file   | false
            a\\,b            | a,b                   | file   | true
            **               | any/thing             | file   | true
            """)
    void anExcludeMatchesAsRsyncDoes(String pattern, String path, String kind, boolean excluded) {
        PathFilter filter = PathFilter.of("", PathFilter.quote(pattern));

        assertEquals(excluded, filter.excludes(path, kind.equals("folder")));
    }

    @Test
    void anExcludedFolderIsNotWalked() {
        PathFilter filter = PathFilter.of("", ".git/,node_modules");

        assertTrue(filter.excludesFolder("a/b/.git"));
        assertTrue(filter.excludesFolder("node_modules"));
        assertFalse(filter.excludesFolder("a/b"));
        assertFalse(filter.excludesFolder(""), "SOURCE itself is never left out");
    }

    @Test
    void includesLetThroughOnlyWhatMatchesAndTheFoldersThatMayLeadToIt() {
        PathFilter filter = PathFilter.of("*.pdf, invoices/", "draft-*");

        assertTrue(filter.hasIncludes());
        assertFalse(filter.excludesFile("report.pdf"));
        assertFalse(filter.excludesFile("a/b/report.pdf"), "a name with no / at any depth");
        assertTrue(filter.excludesFile("a/b/report.txt"));
        assertFalse(filter.excludesFolder("a/b"), "may hold a pdf: walked");
        assertFalse(filter.excludesFile("invoices/2026/x.xml"), "below an included folder");
        assertFalse(filter.excludesFile("x/invoices/y.xml"));
        assertTrue(filter.excludesFile("a/draft-1.pdf"), "excludes win over includes");
        PathFilter onlyInvoices = PathFilter.of("/invoices/**", "");
        assertTrue(onlyInvoices.excludesFolder("photos"), "cannot lead to a match: not walked");
        assertFalse(onlyInvoices.excludesFolder("invoices"));
        assertFalse(onlyInvoices.excludesFile("invoices/a/b.xml"));
        assertTrue(onlyInvoices.excludesFile("x/invoices/b.xml"), "anchored by its leading /");
        PathFilter deep = PathFilter.of("py/json/**,**/keep.txt", "");
        assertFalse(deep.excludesFolder("py"), "leads to py/json");
        assertTrue(deep.excludesFile("py/asyncio.py"));
        assertFalse(deep.excludesFile("py/json/tool.py"));
        assertFalse(deep.excludesFile("keep.txt"), "**/ matches at the top too, as in Ant");
        assertFalse(deep.excludesFolder("proj/node_modules/lodash"), "may hold a keep.txt");
    }

    @Test
    void noPatternsIsTheEmptyFilter() {
        assertSame(PathFilter.NONE, PathFilter.of(" ", null));
        assertFalse(PathFilter.NONE.excludesFile("anything"));
        assertFalse(PathFilter.NONE.excludesFolder("anything"));
        assertFalse(PathFilter.NONE.hasIncludes());
    }

    @Test
    void aCommaSplitsAListButNotBracesOrAnEscapedComma() {
        assertEquals(List.of("*.{tmp,bak}", "a\\,b", "c"), PathFilter.split("*.{tmp,bak}, a\\,b ,c"));
        assertEquals("a\\,b", PathFilter.quote("a,b"), "one --exclude is one pattern");
        assertEquals("*.{tmp,bak}", PathFilter.quote("*.{tmp,bak}"));
        assertEquals(List.of("a\\,b", "*.{x,y}"), PathFilter.split(
                PathFilter.quote("a,b") + "," + PathFilter.quote("*.{x,y}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/../b", "./a", "a\\b", "a//b", "**.tmp", "x/a**", "[ab.txt", "*.{tmp,bak", "//x",
            "a,,b", "a,"})
    void aPatternThatCannotMatchARelativePathIsRefused(String pattern) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PathFilter.of("", pattern));
        assertTrue(refused.getMessage().contains("'"), refused.getMessage());
    }
}
