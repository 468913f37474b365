using SkiaSharp;

namespace Analytics.Reports.Pdf;

/// <summary>
/// A minimal A4 layout on SkiaSharp's PDF backend: a cursor that flows text, tables and charts down the page
/// and breaks pages. Drawing is recorded per page and replayed at the end, so every footer can say "page 2 of 3".
/// </summary>
public sealed class PdfLayout
{
    public const float PageWidth = 595, PageHeight = 842, Margin = 48;
    public const float ContentWidth = PageWidth - 2 * Margin;
    private const float FooterSpace = 40;

    public static readonly SKTypeface Regular = Typeface(SKFontStyle.Normal);
    public static readonly SKTypeface Bold = Typeface(SKFontStyle.Bold);
    public static readonly SKColor Ink = new(0x22, 0x2B, 0x36), Muted = new(0x6B, 0x75, 0x80),
        Accent = new(0x1F, 0x6F, 0xB2), Rule = new(0xD5, 0xDA, 0xE0), Band = new(0xF3, 0xF5, 0xF8),
        Good = new(0x2E, 0x7D, 0x32), Bad = new(0xC2, 0x41, 0x0C), Faint = new(0xA3, 0xAB, 0xB4);

    private readonly List<List<Action<SKCanvas>>> _pages = [[]];
    private float _y = Margin;

    public float Y => _y;
    public float Remaining => PageHeight - FooterSpace - _y;

    /// <summary>Fails loudly: without a font every label would silently vanish from the PDF.</summary>
    /// <summary>
    /// Every font of a report. Unhinted, linear advances: Skia writes a glyph's width into the PDF once, from its first
    /// use, so a hinted 8-point paragraph gave the 9-point table after it other widths than it was drawn with, and text
    /// extraction (copy and paste, screen readers, our tests) read "fa ctuur".
    /// </summary>
    public static SKFont Font(SKTypeface typeface, float size) =>
        new(typeface, size) { Hinting = SKFontHinting.None, LinearMetrics = true, Subpixel = true };

    private static SKTypeface Typeface(SKFontStyle style)
    {
        var t = SKTypeface.FromFamilyName("DejaVu Sans", style);
        if (t is null || !t.FamilyName.Contains("DejaVu", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                "Font 'DejaVu Sans' not found: install fonts-dejavu-core (./analytics demo does).");
        return t;
    }

    public void Draw(Action<SKCanvas> draw) => _pages[^1].Add(draw);

    public void NewPage()
    {
        _pages.Add([]);
        _y = Margin;
    }

    /// <summary>Starts a new page when fewer than <paramref name="height"/> points are left.</summary>
    public void Need(float height)
    {
        if (Remaining < height) NewPage();
    }

    public void Space(float points) => _y += points;

    /// <summary>Wrapped text at the cursor; returns the height used.</summary>
    public float Text(string text, float size = 10, bool bold = false, SKColor? color = null, float x = Margin,
        float width = ContentWidth)
    {
        using var font = Font(bold ? Bold : Regular, size);
        var lines = Wrap(text, font, width);
        var lineHeight = size * 1.35f;
        Need(lineHeight * Math.Min(lines.Count, 3));
        foreach (var line in lines)
        {
            Need(lineHeight);
            var y = _y + size;
            var c = color ?? Ink;
            var typeface = bold ? Bold : Regular;
            Draw(canvas =>
            {
                using var f = PdfLayout.Font(typeface, size);
                using var p = new SKPaint { Color = c, IsAntialias = true };
                canvas.DrawText(line, x, y, f, p);
            });
            _y += lineHeight;
        }
        return lines.Count * lineHeight;
    }

    public void HorizontalRule()
    {
        var y = _y;
        Draw(canvas =>
        {
            using var p = new SKPaint { Color = Rule, StrokeWidth = 0.8f };
            canvas.DrawLine(Margin, y, PageWidth - Margin, y, p);
        });
        _y += 6;
    }

    /// <summary>Reserves a block and draws into it with a translated canvas (charts).</summary>
    public void Block(float height, Action<SKCanvas, float, float> draw)
    {
        Need(height);
        var y = _y;
        Draw(canvas =>
        {
            canvas.Save();
            canvas.Translate(Margin, y);
            draw(canvas, ContentWidth, height);
            canvas.Restore();
        });
        _y += height;
    }

    /// <summary>
    /// Breaks text into lines of at most <paramref name="width"/>, at spaces. A single word wider than the line is
    /// split where it must: overflowing into the next column would hide both, and a report never shortens text.
    /// </summary>
    public static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ').SelectMany(w => Pieces(w, font, width)))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (font.MeasureText(candidate) <= width || line.Length == 0) line = candidate;
                else { lines.Add(line); line = word; }
            }
            lines.Add(line);
        }
        return lines;
    }

    private static IEnumerable<string> Pieces(string word, SKFont font, float width)
    {
        while (word.Length > 1 && font.MeasureText(word) > width)
        {
            var n = word.Length - 1;
            while (n > 1 && font.MeasureText(word[..n]) > width) n--;
            yield return word[..n];
            word = word[n..];
        }
        yield return word;
    }

    /// <summary>
    /// The largest size up to <paramref name="size"/> at which each word of the text (or the whole text, for text that
    /// must stay on one line) fits the width.
    /// </summary>
    public static float SizeToFit(string text, SKTypeface typeface, float size, float width, bool oneLine = false,
        float minimum = 6)
    {
        var words = oneLine ? [text] : text.Split(' ', '\n');
        using var font = PdfLayout.Font(typeface, size);
        // Widths do not scale exactly with the size (hinting), so step down until the widest word really fits.
        while (font.Size > minimum && words.Any(w => font.MeasureText(w) > width)) font.Size -= 0.25f;
        return Math.Max(minimum, font.Size);
    }

    /// <summary>Writes all pages with "title · page N of M" footers and, when given, a colophon line under them.</summary>
    public void Save(Stream output, string title, string footerLeft, Func<int, int, string> pageLabel,
        string? colophon = null)
    {
        using var document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata
        {
            Title = title, Creator = "Analytics", Producer = "Analytics (SkiaSharp)",
            Creation = DateTime.UtcNow, Modified = DateTime.UtcNow,
        });
        for (var i = 0; i < _pages.Count; i++)
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            foreach (var draw in _pages[i]) draw(canvas);
            using var font = PdfLayout.Font(Regular, 8);
            using var paint = new SKPaint { Color = Muted, IsAntialias = true };
            canvas.DrawText(footerLeft, Margin, PageHeight - 24, font, paint);
            var label = pageLabel(i + 1, _pages.Count);
            canvas.DrawText(label, PageWidth - Margin - font.MeasureText(label), PageHeight - 24, font, paint);
            if (colophon is not null)
            {
                using var small = PdfLayout.Font(Regular, PdfLayout.SizeToFit(colophon, Regular, 7, ContentWidth, oneLine: true));
                canvas.DrawText(colophon, Margin, PageHeight - 13, small, paint);
            }
            document.EndPage();
        }
        document.Close();
    }
}
