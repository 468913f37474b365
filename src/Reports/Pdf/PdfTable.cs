using SkiaSharp;

namespace Analytics.Reports.Pdf;

public sealed record TableColumn(string Header, float Width, bool AlignRight = false);

public static class PdfTable
{
    /// <summary>A banded table that repeats its header on each new page; cells are fitted with an ellipsis.</summary>
    public static void Draw(PdfLayout layout, IReadOnlyList<TableColumn> columns, IEnumerable<string[]> rows, float size = 8.5f, string[]? boldRow = null)
    {
        const float rowHeight = 15;
        var header = columns.Select(c => c.Header).ToArray();
        DrawRow(layout, columns, header, size, bold: true, band: false, rowHeight);
        var i = 0;
        foreach (var row in rows)
        {
            if (layout.Remaining < rowHeight * 2) { layout.NewPage(); DrawRow(layout, columns, header, size, true, false, rowHeight); }
            DrawRow(layout, columns, row, size, bold: false, band: i++ % 2 == 1, rowHeight);
        }
        if (boldRow is not null) DrawRow(layout, columns, boldRow, size, bold: true, band: false, rowHeight);
        layout.Space(6);
    }

    private static void DrawRow(PdfLayout layout, IReadOnlyList<TableColumn> columns, string[] cells, float size, bool bold, bool band, float height)
    {
        layout.Block(height, (canvas, width, h) =>
        {
            if (band)
            {
                using var bg = new SKPaint { Color = PdfLayout.Band };
                canvas.DrawRect(0, 0, width, h, bg);
            }
            using var font = new SKFont(bold ? PdfLayout.Bold : PdfLayout.Regular, size);
            using var paint = new SKPaint { Color = PdfLayout.Ink, IsAntialias = true };
            var x = 0f;
            for (var c = 0; c < columns.Count && c < cells.Length; c++)
            {
                var col = columns[c];
                var text = PdfLayout.Fit(cells[c], font, col.Width - 6);
                var tx = col.AlignRight ? x + col.Width - 3 - font.MeasureText(text) : x + 3;
                canvas.DrawText(text, tx, h - 4.5f, font, paint);
                x += col.Width;
            }
            if (bold)
            {
                using var rule = new SKPaint { Color = PdfLayout.Rule, StrokeWidth = 0.8f };
                canvas.DrawLine(0, h, width, h, rule);
            }
        });
    }
}
