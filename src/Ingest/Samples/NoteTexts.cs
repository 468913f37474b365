using System.Globalization;
using System.Text;

namespace Analytics.Ingest.Samples;

/// <summary>What the text generators know about an answered contact.</summary>
internal readonly record struct ContactFacts(
    SampleReason Reason, string Channel, string Outcome, int Transfers, int PriorContacts, int WaitS, int TalkS,
    SampleAgent Agent, int LocalHour, bool Interrupted, bool PostcodeFirst, bool Summarised, bool AskedForTen)
{
    public ReasonText Text => ReasonTexts.ByIndex[Reason.Index];
}

/// <summary>
/// Agent wrap-up notes: terse, abbreviated, sometimes lower case, built from the true reason's words so a
/// classifier can learn reasons from them. About 3% carry personal data and about 1% are written in English.
/// </summary>
internal static class NoteTexts
{
    public const double PersonalDataShare = 0.03;
    public const double EnglishShare = 0.01;

    private static readonly string[] PhoneOpeners = ["Klant belt over ", "Kl belt ivm ", "Klant meldt: ", "Beller geeft aan: ", "Vraag van klant: ", "", "Kl. meldt "];
    private static readonly string[] ChatOpeners = ["Chat: ", "Klant chat over ", "Via chat: ", ""];
    private static readonly string[] EmailOpeners = ["Mail: ", "E-mail klant: ", "Klant mailt over ", ""];
    private static readonly string[] Resolved = ["Opgelost.", "Uitgelegd, klant akkoord.", "Afgehandeld.", "Klant tevreden, afgesloten.", "Info gegeven.", "Klant gaat akkoord."];
    private static readonly string[] Callback = ["Terugbelverzoek aangemaakt.", "Collega belt klant terug.", "TBV uitgezet naar backoffice.", "Klant wordt morgen teruggebeld.", "Nog uitzoeken, klant terugbellen."];
    private static readonly string[] Transferred = ["Doorverbonden met tweede lijn.", "Doorgezet naar backoffice.", "Overgedragen aan specialist.", "Ticket naar 2e lijn."];
    private static readonly string[] Misrouted = ["Kwam binnen via verkeerde wachtrij.", "Was verkeerd doorgeschakeld.", "Via collega andere afdeling binnengekomen."];

    /// <summary>Writes the note into <paramref name="sb"/> (cleared first); reused across contacts so notes allocate nothing.</summary>
    public static void Compose(Random r, in ContactFacts f, StringBuilder sb)
    {
        sb.Clear();
        if (r.Chance(EnglishShare))
        {
            English(r, f, sb);
            return;
        }
        var text = f.Text;
        var opener = r.Pick(f.Channel switch { "chat" => ChatOpeners, "email" => EmailOpeners, _ => PhoneOpeners });
        var core = r.Pick(text.Notes);
        if (opener.Length == 0) AppendCapitalised(sb, core);
        else sb.Append(opener).Append(core);
        sb.Append('.');
        if (f.PriorContacts > 0 && r.Chance(0.6))
        {
            switch (r.Next(3))
            {
                case 0: sb.Append(CultureInfo.InvariantCulture, $" Klant belt hier al voor de {f.PriorContacts + 1}e keer over."); break;
                case 1: sb.Append(" Herhaalcontact."); break;
                default: sb.Append(" Eerder contact over zelfde issue."); break;
            }
        }
        if (f.Transfers > 0 && r.Chance(0.5)) sb.Append(' ').Append(r.Pick(Misrouted));
        sb.Append(' ');
        switch (f.Outcome)
        {
            case "callback": sb.Append(r.Pick(Callback)); break;
            case "transferred": sb.Append(r.Pick(Transferred)); break;
            default:
                if (r.Chance(0.5))
                {
                    AppendCapitalised(sb, text.NoteFix);
                    sb.Append(". ");
                }
                sb.Append(r.Pick(Resolved));
                break;
        }
        if (r.Chance(0.15))
            for (var i = 0; i < sb.Length; i++) sb[i] = char.ToLowerInvariant(sb[i]);
        if (r.Chance(PersonalDataShare)) sb.Append(' ').Append(PersonalDataSentence(r, f.Reason.Code));
    }

    private static string PersonalDataSentence(Random r, string reasonCode)
    {
        var kind = reasonCode switch
        {
            "FAC-INCASSO" or "FAC-BETREG" or "FAC-TERUGBET" => 2,
            "ACC-GEGEVENS" => r.Next(2),
            _ => r.Next(3),
        };
        return kind switch
        {
            0 => r.Chance(0.5) ? $"Bevestiging gestuurd naar {PersonalData.Email(r)}." : $"Nieuw mailadres: {PersonalData.Email(r)}",
            1 => r.Chance(0.5) ? $"Klant terugbellen op {PersonalData.Mobile(r)}." : $"Bereikbaar op {PersonalData.Mobile(r)} na 17u.",
            _ => r.Chance(0.5) ? $"Rekeningnummer gewijzigd naar {PersonalData.Iban(r)}." : $"Terugstorten op {PersonalData.Iban(r)}.",
        };
    }

    private static void English(Random r, in ContactFacts f, StringBuilder sb)
    {
        var verb = f.Channel switch { "chat" => "chatted", "email" => "emailed", _ => "called" };
        var end = f.Outcome switch
        {
            "callback" => "Callback scheduled.",
            "transferred" => "Transferred to second line.",
            _ => r.Chance(0.5) ? "Resolved." : "Explained, customer ok.",
        };
        sb.Append("Customer ").Append(verb).Append(" about ").Append(f.Text.English).Append(". ").Append(end);
    }

    private static void AppendCapitalised(StringBuilder sb, string s) =>
        sb.Append(char.ToUpperInvariant(s[0])).Append(s, 1, s.Length - 1);

    internal static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
