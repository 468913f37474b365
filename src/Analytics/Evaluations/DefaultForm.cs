namespace Analytics.Evaluations;

/// <summary>
/// The form every centre starts with: the five behaviours, empathy before identification, correct information,
/// resolution and agreed next steps. Dutch first (the floor's language), English beside it.
/// </summary>
public static class DefaultForm
{
    public const string Code = "nl-standaard";
    public const string NameNl = "Standaard gespreksbeoordeling";
    public const string NameEn = "Standard contact evaluation";

    public static readonly IReadOnlyList<FormSection> Sections =
    [
        new("gedrag", "De vijf gedragingen", "The five behaviours",
        [
            new("uitpraten", "Laat de klant uitpraten", "Lets the customer finish", ItemKinds.YesNo, 2,
                DescriptionNl: "Valt de klant niet in de rede; korte bevestigingen (ja, hm) tellen niet.",
                DescriptionEn: "Does not cut into the customer's turn; short acknowledgements (yes, hm) do not count.",
                Check: AutoQa.LetFinish),
            new("vragen", "Stelt open vragen", "Asks open questions", ItemKinds.YesNo, 2,
                DescriptionNl: "Vraagt door met wat, hoe, waarom of 'vertel eens' voordat een oplossing volgt.",
                DescriptionEn: "Asks what, how, why or 'tell me' before offering a solution.", Check: AutoQa.Ask),
            new("geruststellen", "Stelt de klant gerust", "Reassures the customer", ItemKinds.YesNo, 1,
                DescriptionNl: "Zegt wat er gaat gebeuren en dat de klant aan het juiste adres is.",
                DescriptionEn: "Says what will happen and that the customer has come to the right place."),
            new("samenvatten", "Vat samen en koppelt terug", "Summarises and feeds back", ItemKinds.YesNo, 2,
                DescriptionNl: "Herhaalt de vraag of de afspraak in eigen woorden en checkt of het klopt.",
                DescriptionEn: "Restates the question or agreement in own words and checks it is right.",
                Check: AutoQa.Summarise),
            new("vervolg", "Maakt vervolgafspraken", "Agrees next steps", ItemKinds.YesNo, 2, AllowNa: true,
                DescriptionNl: "Wie doet wat en wanneer; na als er niets meer hoeft te gebeuren.",
                DescriptionEn: "Who does what by when; na when nothing further is needed."),
        ]),
        new("empathie", "Empathie voor identificatie", "Empathy before identification",
        [
            new("eerst-erkennen", "Erkent het probleem voor 'postcode en huisnummer?'",
                "Acknowledges the problem before asking for postcode and house number", ItemKinds.YesNo, 2, AllowNa: true,
                DescriptionNl: "Eerst de klant, dan de gegevens; na als er geen identificatie nodig was.",
                DescriptionEn: "The customer first, then the details; na when no identification was needed.",
                Check: AutoQa.EmpathyBeforeId),
        ]),
        new("informatie", "Juiste informatie", "Correct information",
        [
            new("juist", "Geeft juiste en volledige informatie", "Gives correct and complete information", ItemKinds.Scale, 3,
                ScaleMax: 5, DescriptionNl: "1 onjuist, 3 juist maar onvolledig, 5 juist en volledig.",
                DescriptionEn: "1 wrong, 3 correct but incomplete, 5 correct and complete."),
        ]),
        new("oplossing", "Oplossing en afspraken", "Resolution and agreed next steps",
        [
            new("opgelost", "Vraag opgelost of eigenaar benoemd", "Question resolved or its owner named", ItemKinds.YesNo, 3,
                DescriptionNl: "Opgelost in dit contact, of de klant weet wie het oplost en wanneer.",
                DescriptionEn: "Resolved in this contact, or the customer knows who resolves it and when."),
            new("geen-topscore-vragen", "Vraagt niet om een topscore", "Does not ask for a top score", ItemKinds.YesNo, 1,
                DescriptionNl: "Vraagt de klant niet om een 9 of 10 in de enquête.",
                DescriptionEn: "Does not ask the customer for a 9 or 10 in the survey.", Check: AutoQa.NoTopScoreRequest),
        ]),
    ];
}
