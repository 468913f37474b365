using System.Text.Json;
using Analytics.Ingest.Redaction;

namespace Analytics.Tests.Redaction;

public class RedactorTests
{
    private static string Redact(string text) => Redactor.Default.Redact(text, new RedactionCounts());

    [Theory]
    [InlineData("Mail naar jan.de.vries@gmail.com gestuurd.", "Mail naar [EMAIL] gestuurd.")]
    [InlineData("Reply to sarah.o'connor@company.co.uk please", "Reply to [EMAIL] please")]
    [InlineData("Tweet van @klantenservice doorgestuurd.", "Tweet van @klantenservice doorgestuurd.")]
    public void EmailAddressesAreRedacted(string text, string expected) => Assert.Equal(expected, Redact(text));

    [Theory]
    [InlineData("Bel 06-12345678 terug", "Bel [PHONE] terug")]
    [InlineData("Bel 06 1234 5678 terug", "Bel [PHONE] terug")]
    [InlineData("Bel +31 6 12345678 terug", "Bel [PHONE] terug")]
    [InlineData("Bel 0031 6 12345678 terug", "Bel [PHONE] terug")]
    [InlineData("Bel 020-1234567 terug", "Bel [PHONE] terug")]
    [InlineData("Bel 0900-1234567 of 0800-0543", "Bel [PHONE] of [PHONE]")]
    [InlineData("Call +44 20 7946 0958 or +1 (555) 123-4567", "Call [PHONE] or [PHONE]")]
    [InlineData("Nummers: 0612345678 0687654321", "Nummers: [PHONE] [PHONE]")]
    public void PhoneNumbersAreRedacted(string text, string expected) => Assert.Equal(expected, Redact(text));

    [Theory]
    [InlineData("Afspraak verzet naar 06-03-2026 10:30.")]
    [InlineData("Bereikbaar van 0900-1700 en 08.00-20.00.")]
    [InlineData("Ordernummer 0612349876 verzonden.")]
    [InlineData("Klant gaf 06-1234567 op, te kort.")]
    public void DatesTimesAndLabelledNumbersAreNotPhones(string text) => Assert.Same(text, Redact(text));

    [Theory]
    [InlineData("IBAN NL91 ABNA 0417 1643 00 graag", "IBAN [IBAN] graag")]
    [InlineData("IBAN NL91ABNA0417164300.", "IBAN [IBAN].")]
    [InlineData("iban nl91abna0417164300", "iban [IBAN]")]
    [InlineData("UK GB82 WEST 1234 5698 7654 32 ok", "UK [IBAN] ok")]
    [InlineData("Fout: NL92 ABNA 0417 1643 00", "Fout: NL92 ABNA 0417 1643 00")]
    public void IbansAreRedactedOnlyWithAValidChecksum(string text, string expected) => Assert.Equal(expected, Redact(text));

    [Theory]
    [InlineData("BSN 111222333 genoteerd", "BSN [BSN] genoteerd")]
    [InlineData("BSN 1112.22.333 genoteerd", "BSN [BSN] genoteerd")]
    [InlineData("BSN 111 222 333 genoteerd", "BSN [BSN] genoteerd")]
    [InlineData("BSN 123456789 klopt niet", "BSN 123456789 klopt niet")]
    [InlineData("Factuurnummer 123456782 betaald", "Factuurnummer 123456782 betaald")]
    public void BsnsAreRedactedOnlyWhenTheyPassTheElevenTest(string text, string expected) => Assert.Equal(expected, Redact(text));

    [Theory]
    [InlineData("Kaart 4111 1111 1111 1111 geblokkeerd", "Kaart [CARD] geblokkeerd")]
    [InlineData("Kaart 4111-1111-1111-1111 geblokkeerd", "Kaart [CARD] geblokkeerd")]
    [InlineData("Amex 3782 822463 10005 gebruikt", "Amex [CARD] gebruikt")]
    [InlineData("Kaart 4111 1111 1111 1112 geblokkeerd", "Kaart 4111 1111 1111 1112 geblokkeerd")]
    [InlineData("EAN 871687120000123456 gecontroleerd", "EAN 871687120000123456 gecontroleerd")]
    public void CardNumbersAreRedactedOnlyWhenTheyPassLuhn(string text, string expected) => Assert.Equal(expected, Redact(text));

    [Theory]
    [InlineData("postcode 1234 AB huisnummer 12", "postcode [POSTCODE]")]
    [InlineData("adres 1012AB 5, klopt", "adres [POSTCODE], klopt")]
    [InlineData("Kerkstraat 12, 1234 AB Amsterdam", "[POSTCODE] Amsterdam")]
    [InlineData("woont op de Hoofdstraat 5 in Apeldoorn", "woont op de [POSTCODE] in Apeldoorn")]
    [InlineData("bundel van 5000 MB is op", "bundel van 5000 MB is op")]
    [InlineData("tussen 2019 en 2021 betaald", "tussen 2019 en 2021 betaald")]
    [InlineData("In 2026 AB-test gestart", "In 2026 AB-test gestart")]
    [InlineData("huisnummer 17 en postcode 6511 PK", "huisnummer [POSTCODE]")]
    public void PostcodesWithHouseNumberAndStreetAreRedacted(string text, string expected) => Assert.Equal(expected, Redact(text));

    [Theory]
    [InlineData("Klant geboren op 12-03-1985.", "Klant geboren op [DOB].")]
    [InlineData("geb. 3 mei 1980, toeslag", "geb. [DOB], toeslag")]
    [InlineData("DOB 1990-05-03 confirmed", "DOB [DOB] confirmed")]
    [InlineData("Date of birth: March 12, 1985.", "Date of birth: [DOB].")]
    [InlineData("Factuur van 12-03-2026 is betaald.", "Factuur van 12-03-2026 is betaald.")]
    [InlineData("Afspraak op 5 maart om 10:00.", "Afspraak op 5 maart om 10:00.")]
    [InlineData("Geboortedatum gewijzigd, afspraak op 5 maart.", "Geboortedatum gewijzigd, afspraak op 5 maart.")]
    [InlineData("geboortedatum 31-02-1980 bestaat niet", "geboortedatum 31-02-1980 bestaat niet")]
    [InlineData("DOB 02/29/1988 (US format)", "DOB [DOB] (US format)")]
    public void DatesAreRedactedOnlyNextToABirthWord(string text, string expected) => Assert.Equal(expected, Redact(text));

    [Theory]
    [InlineData("Klant tevreden, geen verdere vragen.")]
    [InlineData("Factuur 2026-00123 van 12-03-2026, bedrag € 1.234,56 en 125 euro.")]
    [InlineData("Meterstand 012345 kWh, verbruik -4,5%, contact C0004711, 14:30 gebeld.")]
    [InlineData("")]
    public void TextWithoutPersonalDataIsReturnedAsTheSameInstance(string text)
    {
        var counts = new RedactionCounts();
        var result = Redactor.Default.Redact(text, counts);
        Assert.Same(text, result);
        Assert.Equal(0, counts.Total);
    }

    [Fact]
    public void TextWithoutPersonalDataAllocatesNothing()
    {
        string[] texts =
        [
            "Klant belde over factuur 2026-004512 van 03-05-2026, bedrag € 1.234,56 klopt niet. Uitgelegd.",
            "Terugbelverzoek op 06-03-2026 om 10:30, ordernummer 0612349876, 5000 MB bundel, 2019 en 2021.",
            "Customer waited 45 minutes, contact C0004711, meter 012345 kWh, geboortedatum gewijzigd op 12-03-2026.",
        ];
        var counts = new RedactionCounts();
        // Measure steady state: tier-0 code of the detectors allocates a little, and on a busy machine tiered
        // compilation may take a while to install optimised code, so take the best of several rounds.
        const int calls = 3_000;
        var best = double.MaxValue;
        for (var round = 0; round < 20 && best >= 4; round++)
        {
            for (var i = 0; i < 5_000; i++) Redactor.Default.Redact(texts[i % texts.Length], counts);
            Thread.Sleep(100);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < calls; i++) Redactor.Default.Redact(texts[i % texts.Length], counts);
            best = Math.Min(best, (double)(GC.GetAllocatedBytesForCurrentThread() - before) / calls);
        }

        // The smallest object is 24 bytes, so under 4 bytes a call means no call allocates (the runtime may, once).
        Assert.True(best < 4, $"{best:F1} bytes allocated per call");
        Assert.Equal(0, counts.Total);
    }

    [Fact]
    public void CountsAddUpPerTypeAndMerge()
    {
        var first = new RedactionCounts();
        Redactor.Default.Redact("Mail a@b.nl en c@d.nl, bel 06-12345678.", first);
        Assert.Equal(2, first[PiiType.Email]);
        Assert.Equal(1, first[PiiType.Phone]);
        Assert.Equal(3, first.Total);

        var second = new RedactionCounts();
        Redactor.Default.Redact("IBAN NL91ABNA0417164300, mail x@y.com", second);
        first.Add(second);
        Assert.Equal(3, first[PiiType.Email]);
        Assert.Equal(1, first[PiiType.Iban]);
        Assert.Equal(0, first[PiiType.Bsn]);
        Assert.Equal("""{"EMAIL":3,"PHONE":1,"IBAN":1}""", JsonSerializer.Serialize(first.ToDictionary()));
    }

    [Fact]
    public void EmptyCountsSerialiseToAnEmptyObject() =>
        Assert.Equal("{}", JsonSerializer.Serialize(new RedactionCounts().ToDictionary()));
}
