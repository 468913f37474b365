using System.Globalization;
using System.Text;

namespace Analytics.Ingest.Samples;

/// <summary>
/// Survey comments. The tone follows the customer's experience (the latent score before any survey gaming),
/// and the details name the drivers that hurt or helped, so text analytics finds the same causes as the scores.
/// </summary>
internal static class CommentTexts
{
    public const double CommentShare = 0.6;
    public const double PositiveFrom = 8.5;
    public const double NeutralFrom = 6.5;

    private static readonly string[] Positive =
    [
        "Heel vriendelijk geholpen!", "Snel en duidelijk antwoord gekregen.", "Medewerker dacht echt met me mee.",
        "Top service, binnen een paar minuten geregeld.", "Fijn dat het meteen is opgelost.", "Prettig gesprek, alles is nu duidelijk.",
        "Goed geholpen, dank jullie wel.",
    ];
    private static readonly string[] Neutral =
    [
        "Prima geholpen, maar het duurde wat lang.", "Redelijk, het antwoord was niet helemaal duidelijk.", "Oké, we zien wel of het nu werkt.",
        "Vriendelijk, maar ik moest veel zelf uitzoeken.", "Het is geregeld, verder niets bijzonders.", "Gaat wel.",
    ];
    private static readonly string[] Negative =
    [
        "Nog steeds niet opgelost.", "Ik word van het kastje naar de muur gestuurd.", "Niet geholpen, erg teleurgesteld.",
        "Slechte service, ik overweeg over te stappen.", "Niemand die echt luistert.", "Beloftes worden niet nagekomen.",
        "Zeer ontevreden over de afhandeling.",
    ];

    /// <summary>Writes a comment into <paramref name="sb"/> (cleared first); false when the customer left none.</summary>
    public static bool Compose(Random r, in ContactFacts f, double experience, StringBuilder sb)
    {
        sb.Clear();
        if (!r.Chance(CommentShare)) return false;
        if (experience >= PositiveFrom)
        {
            sb.Append(r.Pick(Positive));
            if (f.Summarised && r.Chance(0.4)) sb.Append(" Ze vatte alles nog even goed samen, dat gaf vertrouwen.");
            else if (r.Chance(0.3)) sb.Append(' ').Append(f.Reason.NameNl).Append(" was zo geregeld.");
        }
        else if (experience >= NeutralFrom)
        {
            sb.Append(r.Pick(Neutral));
            if (f.WaitS > 300 && r.Chance(0.5)) sb.Append(" Wel lang moeten wachten.");
        }
        else
        {
            sb.Append(r.Pick(Negative));
            NegativeDetail(r, f, sb);
        }
        if (r.Chance(0.01)) sb.Append(" Bel me gerust op ").Append(PersonalData.Mobile(r)).Append('.');
        return true;
    }

    private enum Detail { Repeat, Wait, Transfer, Interrupt, Postcode, Callback, Unresolved }

    private static void NegativeDetail(Random r, in ContactFacts f, StringBuilder sb)
    {
        // One of the drivers that hurt this contact is the one the customer mentions.
        Span<Detail> candidates = stackalloc Detail[7];
        var n = 0;
        if (f.PriorContacts > 0) candidates[n++] = Detail.Repeat;
        if (f.WaitS > 300 && f.Channel != "email") candidates[n++] = Detail.Wait;
        if (f.Transfers > 0) candidates[n++] = Detail.Transfer;
        if (f.Interrupted) candidates[n++] = Detail.Interrupt;
        if (f.PostcodeFirst) candidates[n++] = Detail.Postcode;
        if (f.Outcome == "callback") candidates[n++] = Detail.Callback;
        candidates[n++] = Detail.Unresolved;
        if (!r.Chance(0.75)) return;
        sb.Append(' ');
        switch (candidates[r.Next(n)])
        {
            case Detail.Repeat: sb.Append(CultureInfo.InvariantCulture, $"Dit is al de {f.PriorContacts + 1}e keer dat ik contact opneem."); break;
            case Detail.Wait: sb.Append("Veel te lang in de wacht gestaan."); break;
            case Detail.Transfer: sb.Append("Werd doorverbonden en moest alles opnieuw uitleggen."); break;
            case Detail.Interrupt: sb.Append("De medewerker liet me niet uitpraten."); break;
            case Detail.Postcode: sb.Append("Ik voelde me een nummer, eerst postcode en dan pas luisteren."); break;
            case Detail.Callback: sb.Append("Ik moet nu weer wachten tot ik teruggebeld word."); break;
            default: sb.Append("Mijn probleem (").Append(f.Reason.NameNl.ToLowerInvariant()).Append(") is niet opgelost."); break;
        }
    }
}
