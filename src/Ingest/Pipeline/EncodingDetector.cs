using System.Text;

namespace Analytics.Ingest.Pipeline;

/// <summary>
/// Dutch Excel saves "CSV" as Windows-1252. UTF-8 (with or without BOM) is the default; a file that is not valid UTF-8
/// anywhere in it is read as Windows-1252 rather than turning é into U+FFFD. The whole file is checked: an export's
/// first accent can come after any number of plain lines.
/// </summary>
public static class EncodingDetector
{
    static EncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <param name="input">Read to its end and put back where it was.</param>
    /// <param name="checkRows">
    /// True when UTF-8 is assumed without proof (the stream cannot be rewound, or a file with a UTF-8 BOM holds other
    /// bytes): each row must then be checked, so that no replacement character is stored unnoticed.
    /// </param>
    public static Encoding? Detect(Stream input, out bool checkRows)
    {
        checkRows = true;
        if (!input.CanSeek) return null;
        var start = input.Position;
        var buffer = new byte[1 << 20];
        var n = input.ReadAtLeast(buffer, 3, throwOnEndOfStream: false);
        var bom = buffer.AsSpan(0, n).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        var valid = IsUtf8(input, buffer, n);
        input.Position = start;
        checkRows = !valid;
        // With a BOM the file says it is UTF-8 (the reader honours it): its bad bytes are the rows' fault, not the file's.
        return valid || bom ? null : Encoding.GetEncoding(1252);
    }

    private static bool IsUtf8(Stream input, byte[] buffer, int n)
    {
        // Throws on an invalid sequence; a sequence cut at a buffer's end waits in the decoder for the next buffer.
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        try
        {
            while (n > 0)
            {
                decoder.GetCharCount(buffer, 0, n, flush: false);
                n = input.Read(buffer);
            }
            decoder.GetCharCount([], 0, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
