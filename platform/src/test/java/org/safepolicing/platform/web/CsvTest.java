package org.safepolicing.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotesWhatRfc4180AsksAndEndsLinesWithCrLf() {
        String csv = Csv.header("ori", "name", "officers").row("VA0290100", "Smith, \"Jr\" PD", 12).row("MD0030000", null, 0)
                .toString();
        assertEquals("ori,name,officers\r\nVA0290100,\"Smith, \"\"Jr\"\" PD\",12\r\nMD0030000,,0\r\n", csv);
    }

    @Test
    void neutralizesCellsASpreadsheetWouldRunAsFormulas() {
        String csv = Csv.header("a", "b", "c", "d").row("=HYPERLINK(\"x\")", "+1", "@SUM(A1)", -3).toString();
        assertEquals("a,b,c,d\r\n\"'=HYPERLINK(\"\"x\"\")\",'+1,'@SUM(A1),-3\r\n", csv);
    }

    @Test
    void refusesRowsOfTheWrongWidth() {
        Csv csv = Csv.header("a", "b");
        assertThrows(IllegalArgumentException.class, () -> csv.row(List.of("only one")));
    }
}
