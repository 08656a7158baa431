package org.focalloss.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.focalloss.charts.Figure;
import org.focalloss.charts.FocalCharts;
import org.focalloss.core.CalculatorResult;
import org.focalloss.core.WorkedExample;
import org.focalloss.curves.FocalTables;
import org.focalloss.explorer.FocalLossExplorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tech.tablesaw.api.Table;

/** What a notebook receives: sharp charts with alt text, and tables whose views agree. */
class NotebookDisplayTest {

    @Test
    void chartsArePngsAtTwiceTheDisplaySizeWithTheDescriptionAsAltText() throws Exception {
        Figure f = FocalCharts.figure1();
        Map<String, String> bundle = Notebook.chartBundle(f);
        assertEquals(List.of("text/html", "image/png", "text/plain"), new ArrayList<>(bundle.keySet()));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(bundle.get("image/png"))));
        assertEquals(2 * f.width(), png.getWidth());
        assertEquals(2 * f.height(), png.getHeight());
        String html = bundle.get("text/html");
        Matcher img = Pattern.compile("<img src=\"data:image/png;base64,([^\"]+)\" alt=\"([^\"]+)\" width=\"(\\d+)\""
                + " style=\"max-width: 100%; height: auto\">").matcher(html);
        assertTrue(img.matches(), html.substring(0, 80));
        assertEquals(bundle.get("image/png"), img.group(1), "the same image in both");
        assertEquals(FocalLossExplorer.escape(f.description()), img.group(2));
        assertEquals("720", img.group(3));
        assertTrue(bundle.get("text/plain").startsWith(f.title() + ": " + f.description()));
    }

    @Test
    void aFiguresOwnLargerScaleIsKept() throws Exception {
        Figure f = FocalCharts.modulator(2).scale(3);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder()
                .decode(Notebook.chartBundle(f).get("image/png"))));
        assertEquals(3 * 480, png.getWidth());
    }

    @Test
    void numbersInTablesNeverWrapAndWideTablesScroll() {
        String html = Notebook.html(FocalTables.easyHard(5));
        assertTrue(html.startsWith("<div style=\"overflow-x: auto; max-width: 100%\"><table"), html);
        assertTrue(html.endsWith("</table></div>"));
        Matcher cell = Pattern.compile("<td style=\"([^\"]*)\">([^<]*)</td>").matcher(html);
        int numbers = 0;
        while (cell.find()) {
            if (cell.group(2).matches(".*\\d.*")) {
                assertTrue(cell.group(1).contains("white-space: nowrap"), cell.group(0));
                numbers++;
            }
        }
        assertTrue(numbers >= 20 && html.contains("e-05"), html);
        // a text cell may wrap
        String headlines = Notebook.html(FocalTables.headlines(0.9, 2));
        assertTrue(headlines.contains("<td style=\"text-align: left\">Focal loss with γ = 2.00."), headlines);
        String conventions = Notebook.html(FocalTables.alphaConventions(0.9, 2, 0.25));
        assertTrue(conventions.contains(">Keras BinaryFocalCrossentropy(<wbr>apply_<wbr>class_<wbr>balancing=<wbr>True)</td>"),
                conventions);
        assertTrue(conventions.contains("<th style=\"text-align: left\">library</th>"), conventions);
    }

    enum Example { EASY, HARD }

    @ParameterizedTest
    @EnumSource(Example.class)
    void everyViewOfACalculatorResultShowsTheSameLabelsAndTexts(Example e) {
        CalculatorResult r = WorkedExample.valueOf(e.name()).result();
        Table table = FocalTables.quantities(r);
        String text = r.toText();
        String markdown = r.toMarkdown();
        String html = Notebook.html(table);
        assertEquals(r.quantities().size(), table.rowCount());
        for (int i = 0; i < table.rowCount(); i++) {
            CalculatorResult.Quantity q = r.quantities().get(i);
            assertEquals(q.label(), table.stringColumn("quantity").get(i));
            assertEquals(q.text(), table.stringColumn("value").get(i));
            assertTrue(text.lines().anyMatch(l -> l.startsWith(q.label() + " ") && l.endsWith(" " + q.text())),
                    q + "\n" + text);
            assertTrue(markdown.contains("| " + q.label() + " | " + q.text() + " |"), q + "\n" + markdown);
            assertTrue(html.contains(">" + FocalLossExplorer.escape(q.label()) + "</td>")
                    && html.contains(">" + FocalLossExplorer.escape(q.text()) + "</td>"), q.toString());
        }
        // one minus sign, one multiplication sign: no ASCII look-alikes in labels
        for (CalculatorResult.Quantity q : r.quantities()) {
            assertFalse(q.label().contains("-") || q.label().contains("*"), q.label());
        }
        assertTrue(r.quantities().get(4).text().endsWith("×"));
        // the headline's CE / FL is the table's
        assertTrue(r.headline().endsWith("CE / FL = " + r.quantities().get(4).text() + "."), r.headline());
    }
}
