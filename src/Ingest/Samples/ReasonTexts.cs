namespace Analytics.Ingest.Samples;

/// <summary>
/// The words each reason brings: note fragments (so a classifier can learn reasons from notes), what customers say,
/// how an agent summarises and fixes it. Indexed like <see cref="SampleCatalog.Reasons"/>.
/// </summary>
internal sealed record ReasonText(string[] Notes, string NoteFix, string[] Problems, string Summary, string Fix, string English);

internal static class ReasonTexts
{
    private static readonly Dictionary<string, ReasonText> ByCode = new(StringComparer.Ordinal)
    {
        ["FAC-ONDUIDELIJK"] = new(
            ["factuur is onduidelijk", "snapt de opbouw van de factuur niet", "vraag over regels op de nota", "weet niet waar de kosten op de factuur voor zijn"],
            "factuur regel voor regel toegelicht",
            ["Ik heb mijn factuur ontvangen maar ik snap er helemaal niets van.", "Op mijn rekening staan bedragen die ik niet begrijp."],
            "u begrijpt niet hoe de bedragen op uw factuur zijn opgebouwd",
            "Ik loop de factuur even regel voor regel met u door.", "does not understand the invoice"),
        ["FAC-HOOG"] = new(
            ["factuur veel hoger dan verwacht", "bedrag hoger dan vorige maand", "schrikt van hoge rekening"],
            "eenmalige correctie uitgelegd",
            ["Mijn factuur is ineens veel hoger dan normaal.", "Ik moet deze maand bijna het dubbele betalen, hoe kan dat?"],
            "uw factuur is hoger dan u had verwacht",
            "Ik zie dat er een eenmalige correctie is verrekend, daarom is het bedrag hoger.", "invoice much higher than expected"),
        ["FAC-JAAR"] = new(
            ["vraag over jaarafrekening", "jaarafrekening, moet bijbetalen", "wil termijnbedrag aanpassen na jaarnota"],
            "termijnbedrag aangepast",
            ["Ik heb mijn jaarafrekening gekregen en moet flink bijbetalen.", "Kan mijn termijnbedrag omhoog? Ik wil niet weer zo'n naheffing."],
            "u heeft vragen over uw jaarafrekening en wilt uw termijnbedrag aanpassen",
            "Ik heb uw termijnbedrag aangepast, dat gaat in vanaf volgende maand.", "annual statement and instalment amount"),
        ["FAC-BETREG"] = new(
            ["wil betalingsregeling", "kan factuur niet in één keer betalen", "betalingsregeling aangevraagd in termijnen"],
            "regeling in 6 termijnen ingesteld",
            ["Ik kan de rekening deze maand niet in één keer betalen.", "Is het mogelijk om een betalingsregeling te treffen?"],
            "u wilt het openstaande bedrag in termijnen betalen",
            "Ik heb een betalingsregeling voor u ingesteld in zes termijnen.", "asks for a payment arrangement"),
        ["FAC-INCASSO"] = new(
            ["rekeningnummer voor incasso wijzigen", "automatische incasso aanpassen", "incasso mislukt, nieuw rekeningnummer"],
            "nieuw rekeningnummer vastgelegd",
            ["Ik heb een nieuw rekeningnummer en wil de incasso laten aanpassen.", "De automatische incasso is mislukt, hoe kan dat?"],
            "u wilt dat de automatische incasso van een ander rekeningnummer gaat",
            "Ik heb het nieuwe rekeningnummer voor de incasso vastgelegd.", "change bank account for direct debit"),
        ["FAC-TERUGBET"] = new(
            ["tegoed nog niet terugbetaald", "wacht op terugbetaling", "vraagt wanneer tegoed wordt teruggestort"],
            "terugbetaling met spoed ingepland",
            ["Ik zou geld terugkrijgen, maar ik heb nog steeds niets ontvangen.", "Wanneer wordt mijn tegoed teruggestort?"],
            "u wacht nog op de terugbetaling van uw tegoed",
            "Ik heb de terugbetaling met spoed ingepland, binnen vijf werkdagen staat het op uw rekening.", "refund of credit not received"),
        ["STO-INTERNET"] = new(
            ["storing internet", "geen internet sinds gisteren", "wifi valt steeds weg", "modem knippert rood, geen verbinding", "internet traag en valt weg"],
            "modem op afstand herstart, lijn doorgemeten",
            ["Mijn internet doet het al sinds gisteren niet meer.", "De wifi valt de hele tijd weg en het lampje op het modem knippert rood."],
            "uw internet valt steeds weg en het modem knippert rood",
            "Ik heb uw modem op afstand opnieuw opgestart en de lijn doorgemeten.", "internet outage, no connection"),
        ["STO-TV"] = new(
            ["geen tv-beeld", "storing tv, zenders vallen weg", "decoder geeft foutmelding"],
            "resetsignaal naar decoder gestuurd",
            ["Ik heb geen beeld meer op de tv, alleen een foutmelding.", "Een aantal zenders valt steeds weg."],
            "u heeft geen tv-beeld en de decoder geeft een foutmelding",
            "Ik stuur een resetsignaal naar uw decoder, wilt u hem daarna even herstarten?", "no TV signal, decoder error"),
        ["STO-MONTEUR"] = new(
            ["monteur afspraak maken", "monteur niet verschenen", "afspraak monteur verzetten"],
            "monteur ingepland",
            ["Ik wil graag een afspraak met een monteur.", "De monteur zou vanochtend komen, maar er is niemand geweest."],
            "u wilt een afspraak met een monteur",
            "Ik heb een monteur voor u ingepland op donderdag tussen acht en één.", "engineer appointment"),
        ["STO-STROOM"] = new(
            ["stroomstoring, doorverwezen naar netbeheerder", "geen stroom in de straat", "gasstoring gemeld"],
            "nummer netbeheerder gegeven",
            ["Bij ons in de straat is de stroom uitgevallen.", "De verwarming doet het niet en ik denk dat er een gasstoring is."],
            "er is een stroom- of gasstoring bij u in de buurt",
            "Storingen in het net lost de netbeheerder op; ik geef u het nummer van de netbeheerder.", "power outage, referred to grid operator"),
        ["VER-VERHUIZING"] = new(
            ["verhuizing doorgeven", "verhuist per de 1e van volgende maand", "nieuw adres ingevoerd, meterstanden volgen"],
            "verhuizing verwerkt",
            ["Ik ga verhuizen en wil mijn energie en internet meenemen naar mijn nieuwe adres.", "Wij verhuizen volgende maand, wat moet ik regelen?"],
            "u verhuist en wilt uw contract meenemen naar het nieuwe adres",
            "Ik heb uw verhuizing verwerkt; op de verhuisdatum gaat alles over naar het nieuwe adres.", "moving house, new address registered"),
        ["VER-METERSTAND"] = new(
            ["meterstanden doorgegeven", "wil meterstand doorgeven", "meterstand foutief verwerkt"],
            "standen verwerkt",
            ["Ik wil mijn meterstanden doorgeven.", "Er staat een verkeerde meterstand op mijn afrekening."],
            "u wilt uw meterstanden doorgeven of laten corrigeren",
            "Ik heb de meterstanden verwerkt, u krijgt een bevestiging per mail.", "meter readings submitted"),
        ["VER-NIEUW"] = new(
            ["nieuwe aansluiting aanvragen", "nieuwbouwwoning, aansluiting nodig", "wil klant worden"],
            "aansluiting aangevraagd",
            ["Wij hebben een nieuwbouwwoning en hebben een aansluiting nodig.", "Ik wil graag klant worden voor internet en energie."],
            "u wilt een nieuwe aansluiting op uw adres",
            "Ik heb de aansluiting aangevraagd, u ontvangt binnen een week de bevestiging.", "request for a new connection"),
        ["CON-TARIEF"] = new(
            ["vraag over tariefwijziging", "tarieven per 1 januari verhoogd", "niet eens met nieuwe tarieven"],
            "nieuwe tarieven toegelicht",
            ["Ik kreeg een brief dat mijn tarieven omhoog gaan, waarom is dat?", "Mijn maandbedrag is gestegen door de nieuwe tarieven."],
            "u heeft een vraag over de verhoging van uw tarieven",
            "Ik leg u uit hoe de nieuwe tarieven zijn opgebouwd en wat dat voor u betekent.", "the letter about the rate change"),
        ["CON-VERLENGEN"] = new(
            ["contract loopt af, wil verlengen", "verlengingsaanbod besproken", "vaste prijs verlengd"],
            "contract 3 jaar vast verlengd",
            ["Mijn contract loopt binnenkort af, wat zijn mijn opties?", "Ik wil mijn contract graag verlengen."],
            "u wilt uw aflopende contract verlengen",
            "Ik heb uw contract verlengd met een vaste prijs voor drie jaar.", "contract renewal"),
        ["CON-UPGRADE"] = new(
            ["wil sneller internet", "upgrade naar hoger pakket", "extra tv-pakket afgesloten"],
            "upgrade doorgevoerd",
            ["Ik wil graag sneller internet.", "Kan ik een groter tv-pakket nemen?"],
            "u wilt uw abonnement uitbreiden",
            "Ik heb de upgrade doorgevoerd, vanaf morgen heeft u de hogere snelheid.", "upgrade of subscription"),
        ["CON-ACTIE"] = new(
            ["welkomstcadeau niet ontvangen", "vraag over actie uit reclame", "korting uit aanbieding niet verwerkt"],
            "korting alsnog verwerkt",
            ["Ik heb het welkomstcadeau nooit ontvangen.", "De korting uit de aanbieding staat niet op mijn factuur."],
            "u heeft de beloofde korting of het welkomstcadeau niet gekregen",
            "Ik heb de korting alsnog verwerkt op uw volgende factuur.", "welcome offer not received"),
        ["ACC-DIGIFACT"] = new(
            ["kan niet inloggen voor digitale factuur", "digitale factuur niet te openen", "wil papieren factuur terug", "inlogcode digitale nota werkt niet"],
            "account opnieuw geactiveerd, nieuwe inloglink",
            ["Ik krijg mijn factuur nu digitaal, maar ik kan nergens inloggen.", "Ik kreeg een mail over de digitale factuur, maar mijn inlogcode werkt niet."],
            "u kunt niet inloggen om uw digitale factuur te bekijken",
            "Ik heb uw account opnieuw geactiveerd en stuur u een nieuwe inloglink.", "cannot log in to view the digital invoice"),
        ["ACC-APP"] = new(
            ["app werkt niet", "wachtwoord vergeten, resetmail komt niet aan", "Mijn Omgeving geeft foutmelding"],
            "nieuwe resetlink gestuurd",
            ["De app geeft steeds een foutmelding.", "Ik ben mijn wachtwoord vergeten en de resetmail komt niet aan."],
            "de app of Mijn Omgeving werkt niet en u kunt niet inloggen",
            "Ik heb een nieuwe resetlink gestuurd; die is een uur geldig.", "app or account portal not working"),
        ["ACC-GEGEVENS"] = new(
            ["e-mailadres wijzigen", "telefoonnummer aanpassen", "naamswijziging doorgeven"],
            "gegevens aangepast",
            ["Ik wil mijn e-mailadres laten wijzigen.", "Mijn telefoonnummer is veranderd."],
            "u wilt uw contactgegevens laten aanpassen",
            "Ik heb uw gegevens aangepast.", "change of personal details"),
        ["OPZ-OVERLIJDEN"] = new(
            ["opzeggen na overlijden", "nabestaande meldt overlijden klant", "contract op naam overledene beëindigen"],
            "opzegging verwerkt zonder opzegkosten, condoleance",
            ["Mijn vader is overleden en ik wil zijn contract opzeggen.", "Ik bel namens mijn moeder, die onlangs is overleden."],
            "u wilt het contract van uw overleden vader of moeder beëindigen",
            "Gecondoleerd. Ik regel de opzegging en u ontvangt een eindafrekening zonder opzegkosten.", "cancellation after death of the account holder"),
        ["OPZ-OPZEGGEN"] = new(
            ["wil opzeggen", "opzegging ivm overstap naar andere aanbieder", "opzeggen, behoudaanbod gedaan"],
            "opzegging verwerkt, bevestiging volgt",
            ["Ik wil mijn contract opzeggen.", "Ik stap over naar een andere aanbieder."],
            "u wilt uw contract opzeggen",
            "Ik heb de opzegging verwerkt; u ontvangt een bevestiging met de einddatum.", "cancel contract"),
        ["OPZ-KLACHT"] = new(
            ["klacht over eerdere afhandeling", "klant ontevreden, eerder niet teruggebeld", "klacht ingediend, beloofde actie niet uitgevoerd"],
            "klacht geregistreerd",
            ["Ik heb al eerder gebeld en er is niets gebeurd.", "Er zou iemand terugbellen maar ik heb niets meer gehoord."],
            "u bent eerder niet goed geholpen en de beloofde actie is niet uitgevoerd",
            "Ik heb een klacht voor u geregistreerd en een collega neemt binnen twee werkdagen contact op.", "complaint about earlier handling"),
    };

    public static readonly ReasonText[] ByIndex = SampleCatalog.Reasons.Select(r => ByCode[r.Code]).ToArray();
}
