namespace Analytics.Ingest.Redaction;

/// <summary>Kinds of personal data the <see cref="Redactor"/> replaces; the order is the placeholder order in counts.</summary>
public enum PiiType
{
    Email,
    Phone,
    Iban,
    Bsn,
    Postcode,
    Card,
    Dob,
}

public static class PiiTypes
{
    public const int Count = 7;

    private static readonly string[] Names = ["EMAIL", "PHONE", "IBAN", "BSN", "POSTCODE", "CARD", "DOB"];
    private static readonly string[] Placeholders = Names.Select(n => $"[{n}]").ToArray();

    public static IReadOnlyList<PiiType> All { get; } = Enum.GetValues<PiiType>();

    /// <summary>The upper-case name used in placeholders and in counts, e.g. "EMAIL".</summary>
    public static string Name(this PiiType type) => Names[(int)type];

    /// <summary>The text that replaces a redacted span, e.g. "[EMAIL]".</summary>
    public static string Placeholder(this PiiType type) => Placeholders[(int)type];

    public static bool TryParseName(ReadOnlySpan<char> name, out PiiType type)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (name.SequenceEqual(Names[i]))
            {
                type = (PiiType)i;
                return true;
            }
        }
        type = default;
        return false;
    }
}
