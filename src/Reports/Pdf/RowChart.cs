using ScottPlot;
using SkiaSharp;

namespace Analytics.Reports.Pdf;

/// <summary>One row of a <see cref="RowChart"/>: its y in data units, its name (left) and a note (right).</summary>
public sealed record RowLabel(double Y, string Text, SKColor Color, string? Note = null, SKColor? NoteColor = null);

/// <summary>
/// A composed row chart: the plot and its row names, drawn on a PDF page (<see cref="Render"/>) or as an SVG image for
/// a web page (<see cref="Svg"/>), so a report and a page cannot disagree. <see cref="Height"/> is in PDF points.
/// </summary>
public sealed class RowFigure(Plot plot, IReadOnlyList<RowLabel> rows, float labelWidth, float noteWidth, float height)
{
    public float Height { get; } = height;
    public IReadOnlyList<RowLabel> Rows { get; } = rows;

    public void Render(SKCanvas canvas, float width, float height)
    {
        if (Rows.Count > 0) RowChart.Render(canvas, plot, width, height, labelWidth, noteWidth, Rows);
    }

    /// <summary>The figure as an SVG document, <paramref name="width"/> points wide, scaling with its container.</summary>
    public string Svg(float width = PdfLayout.ContentWidth)
    {
        using var stream = new SKDynamicMemoryWStream();
        using (var canvas = SKSvgCanvas.Create(SKRect.Create(width, Height), stream)) Render(canvas, width, Height);
        using var data = stream.DetachAsData();
        var svg = System.Text.Encoding.UTF8.GetString(data.Span);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        // A viewBox lets the page scale it; the XML declaration cannot stand inside HTML.
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"<svg viewBox=\"0 0 {width} {Height}\" {svg[(start + 4)..].TrimStart()}");
    }
}

/// <summary>
/// Renders a ScottPlot plot with one row per item and draws the row names itself, left of the plot (and short notes
/// right of it): ScottPlot's tick labels can neither wrap nor centre a long name, and a report never cuts a reason or
/// an agent's name short.
/// </summary>
internal static class RowChart
{
    // ScottPlot works in pixels; render larger and scale down so its text keeps a legible point size on the page.
    public const float Scale = 0.75f;
    public const float LabelSize = 7.5f;
    private const float LineHeight = LabelSize * 1.15f;
    private const float TopPx = 8, BottomPx = 40, GapPx = 10;

    /// <summary>The height a row needs for the longest of these names, wrapped to the label column.</summary>
    public static float RowHeight(IEnumerable<string> names, float labelWidth, float minimum)
    {
        using var font = PdfLayout.Font(PdfLayout.Regular, LabelSize);
        var lines = names.Select(n => PdfLayout.Wrap(n, font, labelWidth - 8).Count).DefaultIfEmpty(1).Max();
        return Math.Max(minimum, (lines - 1) * LineHeight + LabelSize + 3);
    }

    /// <summary>The height of a chart of <paramref name="rows"/> rows, its x axis included.</summary>
    public static float Height(int rows, float rowHeight) => rows * rowHeight + (TopPx + BottomPx) * Scale;

    public static void Render(SKCanvas canvas, Plot plot, float width, float height, float labelWidth, float noteWidth,
        IReadOnlyList<RowLabel> rows)
    {
        // Half a row of air above the first and below the last, so every row has the same height.
        double yMin = rows.Min(r => r.Y) - 0.5, yMax = rows.Max(r => r.Y) + 0.5;
        plot.Axes.SetLimitsY(yMin, yMax);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            rows.Select(r => new Tick(r.Y, "", true)).ToArray());
        plot.Axes.Left.TickLabelStyle.IsVisible = false;
        plot.Grid.YAxisStyle.IsVisible = false;
        plot.Layout.Fixed(new PixelPadding(labelWidth / Scale, Math.Max(GapPx, noteWidth / Scale), BottomPx, TopPx));
        int w = (int)(width / Scale), h = (int)(height / Scale);
        canvas.Save();
        canvas.Scale(Scale);
        plot.Render(canvas, w, h);
        canvas.Restore();

        float top = TopPx * Scale, bottom = (h - BottomPx) * Scale, right = (w - noteWidth / Scale) * Scale;
        using var font = PdfLayout.Font(PdfLayout.Regular, LabelSize);
        foreach (var row in rows)
        {
            var y = top + (float)((yMax - row.Y) / (yMax - yMin)) * (bottom - top);
            var lines = PdfLayout.Wrap(row.Text, font, labelWidth - 8);
            using var paint = new SKPaint { Color = row.Color, IsAntialias = true };
            // The block of lines is centred on the row; a capital sits about 0.7 of the size above its baseline.
            var first = y - (lines.Count - 1) * LineHeight / 2 + LabelSize * 0.35f;
            for (var i = 0; i < lines.Count; i++)
            {
                var x = labelWidth - 6 - font.MeasureText(lines[i]);
                canvas.DrawText(lines[i], x, first + i * LineHeight, font, paint);
            }
            if (row.Note is null) continue;
            using var notePaint = new SKPaint { Color = row.NoteColor ?? row.Color, IsAntialias = true };
            canvas.DrawText(row.Note, right + 6, y + LabelSize * 0.35f, font, notePaint);
        }
    }

    /// <summary>The width a column of notes needs for the widest of them.</summary>
    public static float NoteWidth(IEnumerable<string> notes)
    {
        using var font = PdfLayout.Font(PdfLayout.Regular, LabelSize);
        return notes.Select(n => font.MeasureText(n)).DefaultIfEmpty(0).Max() + 10;
    }
}
