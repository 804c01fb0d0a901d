package io.gridwatch.scorecard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A scorecard as a spreadsheet for the monthly meeting (月度考核会): the ranking with each measure and its change from
 * the month before, the detectors' false alarms beside the quality benchmark, and what each measure counts. Ratios
 * are numbers formatted as percentages, so the sheet can be sorted and summed; a figure with nothing to measure is
 * "—".
 */
public final class ScorecardSheet {

    private ScorecardSheet() {}

    public static void write(Scorecard scorecard, Path file) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Styles styles = new Styles(book);
            ranking(book.createSheet("考核排名"), scorecard, styles);
            detectors(book.createSheet("预警误报"), scorecard, styles);
            formulas(book.createSheet("指标说明"), styles);
            book.write(out);
        }
    }

    private static void ranking(Sheet sheet, Scorecard scorecard, Styles styles) {
        Row header = sheet.createRow(0);
        int column = 0;
        for (String title : List.of("排名", "上月排名", scorecard.request().by().label())) {
            text(header, column++, title, styles.header);
        }
        for (Measure measure : Measure.values()) {
            text(header, column++, measure.label(), styles.header);
            text(header, column++, measure.label() + "较上月", styles.header);
        }
        int r = 1;
        for (Scorecard.Row row : scorecard.rows()) {
            Row line = sheet.createRow(r++);
            number(line, 0, row.rank() == null ? null : row.rank().doubleValue(), styles.count);
            number(line, 1, row.previousRank() == null ? null : row.previousRank().doubleValue(), styles.count);
            text(line, 2, row.name(), null);
            int c = 3;
            for (Measure measure : Measure.values()) {
                Figure now = row.figures().get(measure);
                Figure before = row.previous().get(measure);
                CellStyle style = styles.of(measure.unit());
                number(line, c++, now.value(), style);
                number(line, c++, now.value() == null || before.value() == null ? null : now.value() - before.value(),
                        style);
            }
        }
        sheet.createFreezePane(3, 1);
        for (int c = 0; c < column; c++) {
            sheet.setColumnWidth(c, 14 * 256);
        }
    }

    private static void detectors(Sheet sheet, Scorecard scorecard, Styles styles) {
        Row header = sheet.createRow(0);
        List<String> titles = List.of("检测器", "已处置", "误报", "误报率", "误报/百网格周", "质量基准/百网格周");
        for (int c = 0; c < titles.size(); c++) {
            text(header, c, titles.get(c), styles.header);
        }
        int r = 1;
        for (Scorecard.DetectorRow detector : scorecard.detectors()) {
            Row line = sheet.createRow(r++);
            text(line, 0, detector.detector(), null);
            number(line, 1, detector.falseAlarmRate().denominator().doubleValue(), styles.count);
            number(line, 2, detector.falseAlarmRate().numerator().doubleValue(), styles.count);
            number(line, 3, detector.falseAlarmRate().value(), styles.percent);
            number(line, 4, detector.falseAlarmsPer100GridWeeks(), styles.hours);
            number(line, 5, detector.benchmark(), styles.hours);
        }
        for (int c = 0; c < titles.size(); c++) {
            sheet.setColumnWidth(c, 18 * 256);
        }
    }

    private static void formulas(Sheet sheet, Styles styles) {
        Row header = sheet.createRow(0);
        text(header, 0, "指标", styles.header);
        text(header, 1, "口径", styles.header);
        int r = 1;
        for (Measure measure : Measure.values()) {
            Row line = sheet.createRow(r++);
            text(line, 0, measure.label(), null);
            text(line, 1, measure.formula(), null);
        }
        sheet.setColumnWidth(0, 22 * 256);
        sheet.setColumnWidth(1, 120 * 256);
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    private static void number(Row row, int column, Double value, CellStyle style) {
        if (value == null) {
            text(row, column, Figure.NOTHING, null);
            return;
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    /** The workbook's cell styles, made once: a workbook holds a limited number. */
    private static final class Styles {
        final CellStyle header;
        final CellStyle percent;
        final CellStyle hours;
        final CellStyle count;

        Styles(XSSFWorkbook book) {
            header = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            percent = withFormat(book, "0.0%");
            hours = withFormat(book, "0.0");
            count = withFormat(book, "0");
        }

        CellStyle of(Measure.Unit unit) {
            return switch (unit) {
                case PERCENT -> percent;
                case HOURS -> hours;
                case COUNT -> count;
            };
        }

        private static CellStyle withFormat(XSSFWorkbook book, String format) {
            CellStyle style = book.createCellStyle();
            style.setDataFormat(book.createDataFormat().getFormat(format));
            return style;
        }
    }
}
