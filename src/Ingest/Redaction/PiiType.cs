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
    /// <summary>A known agent's name, full or first name alone.</summary>
    Agent,
    /// <summary>Any other person's name, found by the phrasing around it.</summary>
    Name,
}

public static class PiiTypes
{
    public const int Count = 9;

    private static readonly string[] Names = ["EMAIL", "PHONE", "IBAN", "BSN", "POSTCODE", "CARD", "DOB", "AGENT", "NAME"];
    private static readonly string[] Placeholders = Names.Select(n => $"[{n}]").ToArray();

    public static IReadOnlyList<PiiType> All { get; } = Enum.GetValues<PiiType>();

    /// <summary>The kinds that are people's names, scored together as well as apart.</summary>
    public static bool IsName(this PiiType type) => type is PiiType.Agent or PiiType.Name;

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
