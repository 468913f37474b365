using System.Text;

namespace Analytics.Ingest.Pipeline;

/// <summary>
/// Dutch Excel saves "CSV" as Windows-1252. UTF-8 (with or without BOM) is the default; a file whose first
/// 64 KiB are not valid UTF-8 is read as Windows-1252 rather than turning é into U+FFFD.
/// </summary>
public static class EncodingDetector
{
    static EncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding? Detect(Stream input)
    {
        if (!input.CanSeek) return null;
        var start = input.Position;
        var buffer = new byte[64 * 1024];
        var n = input.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        input.Position = start;
        var span = buffer.AsSpan(0, n);
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return null; // BOM: the reader honours it
        // A cut multi-byte sequence at the buffer end is not an error: drop up to 3 trailing bytes.
        for (var cut = 0; cut <= Math.Min(3, n); cut++)
            if (System.Text.Unicode.Utf8.IsValid(span[..(n - cut)])) return null;
        return Encoding.GetEncoding(1252);
    }
}
