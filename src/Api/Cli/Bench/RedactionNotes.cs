using System.Globalization;

namespace Analytics.Api.Cli.Bench;

/// <summary>
/// Synthetic agent notes for the redaction benchmark: about 100 characters, Dutch and English, full of the numbers
/// real notes carry (dates, times, amounts, contact and invoice ids, meter readings), and a share with personal data.
/// Check digits are computed here independently of the redactor, so a miss is the redactor's fault.
/// </summary>
internal sealed class RedactionNotes(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Clean =
    [
        "Klant belde over factuur {inv} van {date}, bedrag € {amount} klopt niet. Uitgelegd, klant akkoord.",
        "Terugbelverzoek ingepland op {date} om {time}. Klant wacht al {n} dagen op reactie van backoffice.",
        "Meterstand {kwh} kWh doorgegeven via app, voorschot aangepast naar {euro} euro per maand.",
        "Contact {cid} gekoppeld aan dossier, klacht over wachttijd van {n} minuten. Excuses aangeboden.",
        "Storing gemeld op {date}, monteur komt tussen {time} en {time}. Klant tevreden met oplossing.",
        "Klant wil betalingsregeling voor € {amount}, {n} termijnen afgesproken, eerste termijn {date}.",
        "Ordernummer {order} nog niet geleverd, track & trace toont vertraging. Nieuwe levering {date}.",
        "Customer called about invoice {inv} dated {date}, disputed € {amount}, escalated to billing.",
        "Customer asked to change the payment date to the {n}th, confirmed by email. No further questions.",
        "Callback scheduled for {date} at {time}; customer waited {n} minutes and gave CSAT {score}.",
        "Klant gaf NPS {score}, vond de medewerker vriendelijk maar de wachttijd van {n} min te lang.",
        "Jaarafrekening {year} uitgelegd: verbruik {kwh} kWh, teruglevering {n}%, nog € {amount} te betalen.",
        "Klant heeft {n} vragen over het nieuwe tarief per {date}, doorverbonden met afdeling sales.",
        "Geen gehoor op {date} {time}, voicemail ingesproken. Opnieuw proberen na {time}.",
        "Korting van {n}% toegekend voor {n} maanden als coulance, contact {cid}, factuur {inv}.",
        "Klant tevreden, geen verdere vragen.",
        "Doorverbonden met 2e lijn na {n} minuten, ticket {order} aangemaakt.",
        "Customer happy with the solution, no follow-up needed. Contact {cid}.",
        "Klant vraagt waarom het voorschot is verhoogd van {euro} naar {euro} euro; uitgelegd met verbruik {year}.",
        "Zaaknummer Z-{year}-{order6} aangemaakt, klant ontvangt binnen {n} werkdagen bericht.",
    ];

    private static readonly string[] WithPii =
    [
        "Klant wil bevestiging per mail op {email}, factuur {inv} van {date} opnieuw verstuurd.",
        "Bel klant terug op {phone} na {time}, gaat over de jaarafrekening {year}.",
        "Terugbetaling van € {amount} naar {iban} ingepland, contact {cid}.",
        "Klant las BSN {bsn} voor voor de aanvraag, gewezen op privacy. Dossier bijgewerkt.",
        "Verhuizing per {date} naar {address} Utrecht, meterstanden volgen.",
        "Customer read out card {card} over the phone, advised to use the portal instead.",
        "Identiteit gecontroleerd: geboren op {dob}, postcode klopt. Afspraak op {date} bevestigd.",
    ];

    public IReadOnlyList<(string Text, bool HasPii)> Generate(int count, double piiShare)
    {
        var notes = new (string, bool)[count];
        for (var i = 0; i < count; i++)
        {
            var pii = _random.NextDouble() < piiShare;
            var template = pii ? WithPii[_random.Next(WithPii.Length)] : Clean[_random.Next(Clean.Length)];
            notes[i] = (Fill(template), pii);
        }
        return notes;
    }

    private string Fill(string template)
    {
        var parts = template.Split('{', '}');
        // Split alternates literal text and slot names.
        for (var i = 1; i < parts.Length; i += 2) parts[i] = Slot(parts[i]);
        return string.Concat(parts);
    }

    private string Slot(string name) => name switch
    {
        "date" => $"{_random.Next(1, 29):00}-{_random.Next(1, 13):00}-{_random.Next(2024, 2027)}",
        "dob" => $"{_random.Next(1, 29):00}-{_random.Next(1, 13):00}-{_random.Next(1935, 2008)}",
        "time" => $"{_random.Next(8, 20):00}:{_random.Next(0, 4) * 15:00}",
        "amount" => string.Create(CultureInfo.GetCultureInfo("nl-NL"), $"{_random.Next(5, 5000) + _random.Next(100) / 100.0:N2}"),
        "euro" => _random.Next(40, 300).ToString(CultureInfo.InvariantCulture),
        "inv" => $"{_random.Next(2024, 2027)}-{_random.Next(1, 999999):000000}",
        "order" => _random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
        "order6" => _random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture),
        "cid" => $"C{_random.Next(1, 9_999_999):0000000}",
        "kwh" => _random.Next(800, 9000).ToString("N0", CultureInfo.GetCultureInfo("nl-NL")),
        "n" => _random.Next(1, 60).ToString(CultureInfo.InvariantCulture),
        "score" => _random.Next(0, 11).ToString(CultureInfo.InvariantCulture),
        "year" => _random.Next(2020, 2027).ToString(CultureInfo.InvariantCulture),
        "email" => $"{Pick("jan", "marieke", "s.bakker", "tom.h", "anouk")}{_random.Next(100)}@{Pick("gmail.com", "ziggo.nl", "hotmail.nl", "kpnmail.nl")}",
        "phone" => $"06-{_random.Next(10_000_000, 99_999_999)}",
        "iban" => NlIban(),
        "bsn" => Bsn(),
        "card" => Card(),
        "address" => $"{Pick("Kerkstraat", "Dorpsweg", "Lindelaan", "Stationsplein")} {_random.Next(1, 200)}, {_random.Next(1000, 9999)} {(char)('A' + _random.Next(26))}{(char)('B' + _random.Next(20))}",
        _ => throw new InvalidOperationException($"unknown slot {name}"),
    };

    private string Pick(params string[] options) => options[_random.Next(options.Length)];

    private string NlIban()
    {
        var bank = Pick("ABNA", "INGB", "RABO", "SNSB", "TRIO");
        var account = _random.NextInt64(1_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture);
        // ISO 13616: check = 98 - (BBAN + "NL00" with letters as 10..35) mod 97.
        var remainder = 0;
        foreach (var c in bank + account + "NL00")
        {
            remainder = char.IsDigit(c) ? (remainder * 10 + (c - '0')) % 97 : (remainder * 100 + (c - 'A' + 10)) % 97;
        }
        var check = (98 - remainder).ToString("00", CultureInfo.InvariantCulture);
        return $"NL{check} {bank} {account[..4]} {account[4..8]} {account[8..]}";
    }

    private string Bsn()
    {
        while (true)
        {
            var digits = new int[9];
            var sum = 0;
            for (var i = 0; i < 8; i++)
            {
                digits[i] = _random.Next(i == 0 ? 1 : 0, 10);
                sum += digits[i] * (9 - i);
            }
            digits[8] = sum % 11;
            if (digits[8] < 10) return string.Concat(digits);
        }
    }

    private string Card()
    {
        var digits = new int[16];
        digits[0] = 4;
        for (var i = 1; i < 15; i++) digits[i] = _random.Next(10);
        var sum = 0;
        for (var i = 0; i < 15; i++)
        {
            // Position i is doubled when it sits at an odd distance from the (future) check digit.
            var d = digits[14 - i];
            if (i % 2 == 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        digits[15] = (10 - sum % 10) % 10;
        var s = string.Concat(digits);
        return $"{s[..4]} {s[4..8]} {s[8..12]} {s[12..]}";
    }
}
