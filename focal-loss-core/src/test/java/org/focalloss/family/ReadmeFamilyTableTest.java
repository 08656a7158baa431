package org.focalloss.family;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.focalloss.core.FocalOption;
import org.junit.jupiter.api.Test;

/** The README's side-by-side table is the library's data, not a hand-kept copy. */
class ReadmeFamilyTableTest {

    @Test
    void readmeContainsTheOptionsTableAsTheLibraryRendersIt() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains(FocalOption.markdownTable()),
                "README.md: paste FocalOption.markdownTable() into the focal-family section:\n" + FocalOption.markdownTable());
    }
}
