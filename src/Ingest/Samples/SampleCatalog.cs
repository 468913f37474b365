namespace Analytics.Ingest.Samples;

/// <summary>A category of the taxonomy: the phone queue customers pick in the IVR and the team behind it.</summary>
internal sealed record SampleCategory(string Code, string NameNl, string NameEn, string Department, bool Avoidable, string Queue, string Team);

/// <summary>A leaf reason; <see cref="Weight"/> is its share of fresh (non-repeat) contacts, <see cref="TalkMedianS"/> its typical call length.</summary>
internal sealed record SampleReason(int Index, string Code, string Category, string NameNl, string NameEn, string Department, bool Avoidable,
    double Weight, int TalkMedianS);

internal sealed record SampleTeam(string Code, string Name);

/// <summary>An agent; <see cref="Volume"/> is the relative share of the team's contacts the agent takes.</summary>
internal sealed record SampleAgent(int Index, string Id, string Name, string Team, double Volume)
{
    public string FirstName => Name[..Name.IndexOf(' ', StringComparison.Ordinal)];
}

/// <summary>The fictional centre: a Dutch energy and telecom supplier ("Polderlicht"), its reasons, teams and agents.</summary>
internal static class SampleCatalog
{
    public const string Company = "Polderlicht";
    public const string ChatQueue = "Chat";
    public const string EmailQueue = "E-mail";
    public const string OnlineTeam = "T5";

    public static readonly SampleCategory[] Categories =
    [
        new("FAC", "Factuur en betalen", "Invoice and payment", "billing", true, "Facturatie", "T1"),
        new("STO", "Storingen", "Faults and outages", "operations", true, "Storingen", "T2"),
        new("VER", "Verhuizen en aansluiten", "Moving and connections", "operations", false, "Verhuizen", "T3"),
        new("CON", "Contract en tarieven", "Contract and rates", "sales", false, "Contracten", "T3"),
        new("ACC", "Account en digitaal", "Account and digital", "product", true, "Mijn Account", "T1"),
        new("OPZ", "Opzeggen en klachten", "Cancellation and complaints", "customer-service", false, "Opzeggen", "T4"),
    ];

    public static readonly SampleReason[] Reasons = Index(
    [
        new(0, "FAC-ONDUIDELIJK", "FAC", "Onduidelijke factuur", "Unclear invoice", "billing", true, 9, 330),
        new(0, "FAC-HOOG", "FAC", "Factuur hoger dan verwacht", "Invoice higher than expected", "billing", true, 6, 300),
        new(0, "FAC-JAAR", "FAC", "Vraag over jaarafrekening en aanpassing van het termijnbedrag",
            "Question about the annual statement and the monthly instalment", "billing", true, 5, 360),
        new(0, "FAC-BETREG", "FAC", "Betalingsregeling", "Payment arrangement", "billing", false, 4, 420),
        new(0, "FAC-INCASSO", "FAC", "Automatische incasso wijzigen", "Change direct debit", "billing", false, 3, 240),
        new(0, "FAC-TERUGBET", "FAC", "Terugbetaling tegoed", "Refund of credit", "billing", true, 3, 280),
        new(0, "STO-INTERNET", "STO", "Storing internet", "Internet outage", "operations", true, 10, 450),
        new(0, "STO-TV", "STO", "Storing tv-ontvangst", "TV reception fault", "operations", true, 4, 380),
        new(0, "STO-MONTEUR", "STO", "Monteur afspraak", "Engineer appointment", "operations", false, 4, 300),
        new(0, "STO-STROOM", "STO", "Stroomstoring of gasstoring melden", "Report a power or gas outage", "operations", true, 2, 200),
        new(0, "VER-VERHUIZING", "VER", "Verhuizing", "Moving house", "operations", false, 7, 360),
        new(0, "VER-METERSTAND", "VER", "Meterstanden doorgeven", "Submit meter readings", "operations", true, 4, 150),
        new(0, "VER-NIEUW", "VER", "Nieuwe aansluiting", "New connection", "sales", false, 3, 420),
        new(0, "CON-TARIEF", "CON", "Tariefwijziging", "Rate change", "marketing", true, 5, 300),
        new(0, "CON-VERLENGEN", "CON", "Contract verlengen", "Renew contract", "sales", false, 4, 360),
        new(0, "CON-UPGRADE", "CON", "Upgrade abonnement", "Upgrade subscription", "sales", false, 3, 340),
        new(0, "CON-ACTIE", "CON", "Vraag over welkomstactie of aanbieding", "Question about a welcome offer or promotion", "marketing", true, 2, 240),
        new(0, "ACC-DIGIFACT", "ACC", "Inloggen digitale factuur", "Log-in to the digital invoice", "product", true, 3, 300),
        new(0, "ACC-APP", "ACC", "App, Mijn Omgeving of wachtwoord werkt niet", "App, account portal or password not working", "product", true, 3, 260),
        new(0, "ACC-GEGEVENS", "ACC", "Persoonsgegevens wijzigen", "Change personal details", "customer-service", true, 2, 200),
        new(0, "OPZ-OVERLIJDEN", "OPZ", "Opzeggen na overlijden", "Cancellation after death", "customer-service", false, 2, 480),
        new(0, "OPZ-OPZEGGEN", "OPZ", "Opzeggen contract", "Cancel contract", "sales", false, 4, 360),
        new(0, "OPZ-KLACHT", "OPZ", "Klacht over eerdere afhandeling", "Complaint about earlier handling", "customer-service", true, 2, 420),
    ]);

    public static readonly SampleTeam[] Teams =
    [
        new("T1", "Facturatie & Account"),
        new("T2", "Storingen & Techniek"),
        new("T3", "Verhuizen & Contracten"),
        new("T4", "Klantbehoud"),
        new("T5", "Online Service"),
    ];

    // A019 and A040 are new starters with very few contacts: estimates for them must be flagged as unreliable.
    public static readonly SampleAgent[] Agents = IndexAgents(
    [
        ("A001", "Sanne de Vries", "T1", 1.0), ("A002", "Mohamed El Amrani", "T1", 1.0), ("A003", "Lotte Jansen", "T1", 0.8),
        ("A004", "Bram van Dijk", "T1", 1.0), ("A005", "Fatima Bakker", "T1", 1.0), ("A006", "Daan Visser", "T1", 0.6),
        ("A007", "Eva Smit", "T1", 1.0), ("A008", "Jeroen Meijer", "T1", 1.0), ("A009", "Kees de Boer", "T1", 1.0),
        ("A010", "Noa Mulder", "T1", 0.5),
        ("A011", "Ruben de Groot", "T2", 1.0), ("A012", "Priya Ramdin", "T2", 1.0), ("A013", "Thijs Bos", "T2", 1.0),
        ("A014", "Iris Vos", "T2", 1.0), ("A015", "Youssef Haddou", "T2", 0.8), ("A016", "Femke Peters", "T2", 1.0),
        ("A017", "Lars Hendriks", "T2", 1.0), ("A018", "Anouk van Leeuwen", "T2", 1.0), ("A019", "Stijn Dekker", "T2", 0.02),
        ("A020", "Emma Brouwer", "T3", 1.0), ("A021", "Sem de Wit", "T3", 1.0), ("A022", "Julia Dijkstra", "T3", 0.7),
        ("A023", "Tim Smits", "T3", 1.0), ("A024", "Sophie de Graaf", "T3", 1.0), ("A025", "Mark van der Meer", "T3", 1.0),
        ("A026", "Esra Yılmaz", "T3", 0.6), ("A027", "Rob Kok", "T3", 1.0), ("A028", "Lieke Jacobs", "T3", 1.0),
        ("A029", "Wouter de Haan", "T4", 1.0), ("A030", "Mila Vermeulen", "T4", 1.0), ("A031", "Joost van den Berg", "T4", 1.0),
        ("A032", "Naomi Koster", "T4", 0.7), ("A033", "Rick Willems", "T4", 1.0),
        ("A034", "Yara Schouten", "T5", 1.0), ("A035", "Bas Hoekstra", "T5", 1.0), ("A036", "Sara Kuipers", "T5", 1.0),
        ("A037", "Milan Verhoeven", "T5", 1.0), ("A038", "Demi Prins", "T5", 0.8), ("A039", "Gijs Huisman", "T5", 1.0),
        ("A040", "Zoë Maas", "T5", 0.02),
    ]);

    public static SampleReason Reason(string code) => Reasons.Single(r => r.Code == code);
    public static SampleTeam Team(string code) => Teams.Single(t => t.Code == code);

    private static SampleReason[] Index(SampleReason[] reasons) =>
        reasons.Select((r, i) => r with { Index = i }).ToArray();

    private static SampleAgent[] IndexAgents((string Id, string Name, string Team, double Volume)[] rows) =>
        rows.Select((a, i) => new SampleAgent(i, a.Id, a.Name, a.Team, a.Volume)).ToArray();
}
