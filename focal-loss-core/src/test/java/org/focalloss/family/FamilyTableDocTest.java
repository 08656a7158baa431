package org.focalloss.family;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.focalloss.core.FocalOption;
import org.junit.jupiter.api.Test;

/** The guide's side-by-side table (docs/guide/focal-family.md, also on the course site) is the library's data, not a hand-kept copy. */
class FamilyTableDocTest {

    private static final Path PAGE = Path.of("..", "docs", "guide", "focal-family.md");

    @Test
    void focalFamilyGuidePageContainsTheOptionsTableAsTheLibraryRendersIt() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        assertTrue(page.contains(FocalOption.markdownTable()),
                PAGE + ": paste FocalOption.markdownTable() into the focal-family page:\n" + FocalOption.markdownTable());
    }
}
