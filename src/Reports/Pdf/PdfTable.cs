using SkiaSharp;

namespace Analytics.Reports.Pdf;

public sealed record TableColumn(string Header, float Width, bool AlignRight = false);

/// <summary>
/// A banded table that repeats its header on each new page. Cells and headers wrap onto more lines instead of being
/// cut short, because a reader must be able to read every name and every header; a header word wider than its column
/// is set smaller rather than split.
/// </summary>
public static class PdfTable
{
    private const float Padding = 3;

    private sealed record Row(string[][] Lines, float[] Sizes, float Height, float LineHeight, bool Bold, bool Header);

    public static void Draw(PdfLayout layout, IReadOnlyList<TableColumn> columns, IEnumerable<string[]> rows,
        float size = 8.5f, string[]? boldRow = null)
    {
        var header = Measure(columns, columns.Select(c => c.Header).ToArray(), size, bold: true, header: true);
        // A header alone at the foot of a page helps nobody: keep it with at least two rows.
        layout.Need(header.Height + 2 * BaseHeight(size));
        DrawRow(layout, columns, header, band: false);
        var i = 0;
        foreach (var cells in rows)
        {
            var row = Measure(columns, cells, size, bold: false, header: false);
            if (layout.Remaining < row.Height)
            {
                layout.NewPage();
                DrawRow(layout, columns, header, band: false);
            }
            DrawRow(layout, columns, row, band: i++ % 2 == 1);
        }
        if (boldRow is not null)
            DrawRow(layout, columns, Measure(columns, boldRow, size, bold: true, header: false), band: false);
        layout.Space(6);
    }

    private static float BaseHeight(float size) => size + 6.5f;

    private static Row Measure(IReadOnlyList<TableColumn> columns, string[] cells, float size, bool bold, bool header)
    {
        var typeface = bold ? PdfLayout.Bold : PdfLayout.Regular;
        var lines = new string[columns.Count][];
        var sizes = new float[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var text = c < cells.Length ? cells[c] : "";
            var width = columns[c].Width - 2 * Padding;
            sizes[c] = header ? PdfLayout.SizeToFit(text, typeface, size, width) : size;
            using var font = PdfLayout.Font(typeface, sizes[c]);
            lines[c] = text.Length == 0 ? [] : PdfLayout.Wrap(text, font, width).ToArray();
        }
        var lineHeight = size * 1.2f;
        var count = Math.Max(1, lines.Max(l => l.Length));
        return new Row(lines, sizes, BaseHeight(size) + (count - 1) * lineHeight, lineHeight, bold, header);
    }

    private static void DrawRow(PdfLayout layout, IReadOnlyList<TableColumn> columns, Row row, bool band)
    {
        layout.Block(row.Height, (canvas, width, h) =>
        {
            if (band)
            {
                using var bg = new SKPaint { Color = PdfLayout.Band };
                canvas.DrawRect(0, 0, width, h, bg);
            }
            using var paint = new SKPaint { Color = PdfLayout.Ink, IsAntialias = true };
            var x = 0f;
            for (var c = 0; c < columns.Count; c++)
            {
                var col = columns[c];
                var lines = row.Lines[c];
                using var font = PdfLayout.Font(row.Bold ? PdfLayout.Bold : PdfLayout.Regular, row.Sizes[c]);
                for (var l = 0; l < lines.Length; l++)
                {
                    // Headers sit on the rule below them; cells start at the top of their row.
                    var baseline = row.Header
                        ? h - 4.5f - (lines.Length - 1 - l) * row.LineHeight
                        : BaseHeight(row.Sizes[c]) - 4.5f + l * row.LineHeight;
                    var tx = col.AlignRight ? x + col.Width - Padding - font.MeasureText(lines[l]) : x + Padding;
                    canvas.DrawText(lines[l], tx, baseline, font, paint);
                }
                x += col.Width;
            }
            if (row.Bold)
            {
                using var rule = new SKPaint { Color = PdfLayout.Rule, StrokeWidth = 0.8f };
                canvas.DrawLine(0, h, width, h, rule);
            }
        });
    }
}
