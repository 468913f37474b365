using System.Globalization;
using System.Numerics;

namespace Analytics.Ingest.Samples;

/// <summary>
/// Fake but well-formed personal data for notes, comments and transcripts, so redaction has real work:
/// e-mail addresses on example domains, Dutch mobile numbers in the spellings people use, IBANs with valid check digits.
/// </summary>
internal static class PersonalData
{
    private static readonly string[] Surnames =
    [
        "devries", "jansen", "bakker", "visser", "smit", "meijer", "mulder", "bos", "vos", "peters", "hendriks", "dekker",
        "brouwer", "dijkstra", "kok", "jacobs", "vermeulen", "willems", "kuipers", "maas", "vanleeuwen", "degraaf",
    ];
    private static readonly string[] Domains = ["example.nl", "example.com", "example.org", "mail.example.nl"];
    private static readonly string[] Banks = ["ABNA", "INGB", "RABO", "SNSB", "TRIO", "KNAB", "ASNB", "BUNQ"];
    private static readonly string[] PostcodeLetters = ["AB", "BC", "CK", "DH", "EG", "GR", "HJ", "JK", "KL", "LM", "MN", "NP", "PR", "RS", "TV", "XZ"];

    public static string Email(Random r)
    {
        var initial = (char)('a' + r.Next(26));
        var name = r.Pick(Surnames);
        return r.Next(3) switch
        {
            0 => $"{initial}.{name}@{r.Pick(Domains)}",
            1 => string.Create(CultureInfo.InvariantCulture, $"{initial}{name}{r.Next(60, 100)}@{r.Pick(Domains)}"),
            _ => $"{name}.{initial}@{r.Pick(Domains)}",
        };
    }

    public static string Mobile(Random r)
    {
        var n = r.Digits(8);
        return r.Next(5) switch
        {
            0 => $"06-{n}",
            1 => $"06 {n[..4]} {n[4..]}",
            2 => $"06{n}",
            3 => $"+31 6 {n}",
            _ => $"+316{n}",
        };
    }

    public static string Iban(Random r)
    {
        var bank = r.Pick(Banks);
        var account = r.Digits(10);
        var check = CheckDigits("NL", bank + account);
        return r.Chance(0.6)
            ? string.Create(CultureInfo.InvariantCulture, $"NL{check:00}{bank}{account}")
            : string.Create(CultureInfo.InvariantCulture, $"NL{check:00} {bank} {account[..4]} {account[4..8]} {account[8..]}");
    }

    public static string Postcode(Random r) => string.Create(CultureInfo.InvariantCulture, $"{r.Next(1011, 9999)} {r.Pick(PostcodeLetters)}");

    /// <summary>ISO 13616 check digits: 98 minus the remainder mod 97 of BBAN + country + "00", letters as 10..35.</summary>
    internal static int CheckDigits(string country, string bban)
    {
        var digits = new System.Text.StringBuilder();
        foreach (var c in bban + country + "00")
            digits.Append(char.IsLetter(c) ? (c - 'A' + 10).ToString(CultureInfo.InvariantCulture) : c.ToString());
        var remainder = BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture) % 97;
        return 98 - (int)remainder;
    }
}
