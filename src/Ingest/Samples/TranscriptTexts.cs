namespace Analytics.Ingest.Samples;

/// <summary>
/// Phone and chat transcripts of 6–16 turns. The planted behaviours are recognisable by rule:
/// postcode-first = the agent's first turn asks for "postcode en huisnummer" (before the customer has said why they call);
/// summarising = an agent turn starting "Dus als ik het goed begrijp"; interrupting (phone only) = an agent turn whose
/// start_ms is before the end_ms of the customer turn before it; gaming = an agent turn containing "een 10 geven".
/// </summary>
internal sealed class TranscriptTexts
{
    public const int MaxTurns = 16;

    private static readonly string[] Acknowledgements =
    [
        "Vervelend om te horen, daar ga ik u mee helpen.", "Dat begrijp ik, laten we even kijken.",
        "Goed dat u contact opneemt, ik ga het voor u uitzoeken.", "Wat vervelend voor u, dat zoeken we samen uit.",
    ];
    private static readonly (string Agent, string[] Customer)[] Middle =
    [
        ("Een ogenblikje, ik kijk even in uw gegevens.", ["Ja hoor.", "Oké.", "Prima."]),
        ("Sinds wanneer speelt dit?", ["Sinds een paar dagen.", "Al sinds vorige week eigenlijk.", "Sinds gisteravond."]),
        ("Mag ik u even in de wacht zetten?", ["Ja, dat is goed.", "Als het niet te lang duurt."]),
        ("Heeft u een brief of e-mail van ons gehad hierover?", ["Nee, niets ontvangen.", "Ja, maar daar werd ik niet wijzer van."]),
        ("Ik zie het hier in het systeem staan.", ["Fijn.", "Oké, en nu?"]),
    ];
    private static readonly string[] Irritation = ["Ja, ik word er echt moe van. ", "Nou, ik ben er niet blij mee. ", "Eerlijk gezegd ben ik het zat. "];
    private static readonly string[] PositiveReaction = ["Top, dank u wel!", "Fijn, dat scheelt een hoop.", "Super, heel fijn."];
    private static readonly string[] NeutralReaction = ["Oké, dan wacht ik dat af.", "Goed, dan weet ik dat."];
    private static readonly string[] NegativeReaction = ["Ik hoop het, want dit duurt nu echt te lang.", "Dat zeiden ze de vorige keer ook.", "Nou, we zullen zien."];

    private readonly List<(bool Agent, string Text)> _turns = new(MaxTurns);
    private readonly int[] _start = new int[MaxTurns + 1];
    private readonly int[] _end = new int[MaxTurns + 1];

    /// <summary>Writes the transcript of one contact; returns the number of turns written.</summary>
    public int Write(CsvSink sink, Random r, string contactId, in ContactFacts f, double experience)
    {
        Build(r, f, experience);
        Time(r, f);
        for (var i = 0; i < _turns.Count; i++)
        {
            sink.Field(contactId);
            sink.Field(i + 1);
            sink.Field(_turns[i].Agent ? "agent" : "customer");
            sink.Field(_start[i]);
            sink.Field(_end[i]);
            sink.Field(_turns[i].Text);
            sink.EndRow();
        }
        return _turns.Count;
    }

    private void Build(Random r, in ContactFacts f, double experience)
    {
        _turns.Clear();
        var t = f.Text;
        var greeting = f.Channel == "chat"
            ? $"Welkom bij de chat van {SampleCatalog.Company}, u chat met {f.Agent.FirstName}."
            : $"{DayPart(f.LocalHour)}, u spreekt met {f.Agent.FirstName} van {SampleCatalog.Company}.";
        var problem = r.Pick(t.Problems);
        if (experience < CommentTexts.NeutralFrom && r.Chance(0.6)) problem = r.Pick(Irritation) + problem;
        if (f.PriorContacts > 0 && r.Chance(0.7)) problem = "Ik heb hier al eerder over contact gehad. " + problem;
        var postcodeAnswer = r.Chance(0.5)
            ? $"Dat is {PersonalData.Postcode(r)}, nummer {r.Next(1, 180)}."
            : $"{PersonalData.Postcode(r)}, huisnummer {r.Next(1, 180)}.";

        if (f.PostcodeFirst)
        {
            Add(true, greeting + " Mag ik eerst uw postcode en huisnummer?");
            Add(false, postcodeAnswer);
            Add(true, "Dank u. Waarmee kan ik u helpen?");
            Add(false, problem);
        }
        else
        {
            Add(true, greeting + " Waarmee kan ik u helpen?");
            Add(false, problem);
            Add(true, r.Pick(Acknowledgements) + " Mag ik uw postcode en huisnummer, dan zoek ik uw gegevens erbij?");
            Add(false, postcodeAnswer);
        }

        var closing = r.Chance(0.85);
        var fixedTurns = _turns.Count + 2 + (f.Summarised ? 2 : 0) + (closing ? 2 : 0);
        var pairs = Math.Min(r.Next(0, 4), (MaxTurns - fixedTurns - 1) / 2);
        var first = r.Next(Middle.Length);
        for (var i = 0; i < pairs; i++)
        {
            var (agent, customer) = Middle[(first + i) % Middle.Length];
            Add(true, agent);
            if (i == 0 && r.Chance(0.15)) Add(true, "Ik zie het al.");
            Add(false, r.Pick(customer));
        }

        if (f.Summarised)
        {
            Add(true, $"Dus als ik het goed begrijp, {t.Summary}. Klopt dat?");
            Add(false, "Ja, dat klopt.");
        }
        Add(true, f.Outcome switch
        {
            "callback" => "Ik kan dit nu niet direct oplossen; een collega belt u binnen twee werkdagen terug.",
            "transferred" => "Hiervoor verbind ik u door met onze tweede lijn, een moment alstublieft.",
            _ => t.Fix,
        });
        Add(false, r.Pick(experience >= CommentTexts.PositiveFrom ? PositiveReaction
            : experience >= CommentTexts.NeutralFrom ? NeutralReaction : NegativeReaction));
        if (closing)
        {
            Add(true, f.AskedForTen
                ? "Kan ik verder nog iets voor u doen? U krijgt straks een korte enquête, wilt u ons straks een 10 geven?"
                : "Kan ik verder nog iets voor u doen?");
            Add(false, experience >= CommentTexts.NeutralFrom ? "Nee, dat was het, bedankt." : "Nee.");
            if (_turns.Count < MaxTurns && r.Chance(0.5)) Add(true, "Graag gedaan, nog een fijne dag!");
        }
    }

    private void Add(bool agent, string text)
    {
        if (_turns.Count < MaxTurns) _turns.Add((agent, text));
    }

    /// <summary>Speech at about 2.7 words a second (chat: typing), short gaps, silences while the agent looks things up.</summary>
    private void Time(Random r, in ContactFacts f)
    {
        var chat = f.Channel == "chat";
        var interruptAt = -1;
        if (f.Interrupted && !chat)
        {
            // An agent turn that follows a customer turn, after the opening exchange.
            var candidates = Enumerable.Range(2, _turns.Count - 2).Where(i => _turns[i].Agent && !_turns[i - 1].Agent).ToArray();
            if (candidates.Length > 0) interruptAt = r.Pick(candidates);
        }
        var clock = r.Next(200, 900);
        for (var i = 0; i < _turns.Count; i++)
        {
            var words = CountWords(_turns[i].Text);
            var duration = chat ? words * r.Next(700, 1200) + r.Next(1000, 4000) : words * r.Next(300, 420) + r.Next(200, 600);
            int start;
            if (i == interruptAt)
                start = Math.Max(_start[i - 1] + 400, _end[i - 1] - r.Next(400, 1500));
            else if (i == 0)
                start = clock;
            else
            {
                var lookup = _turns[i - 1].Agent && _turns[i - 1].Text.Contains("ogenblikje", StringComparison.Ordinal);
                var gap = chat ? r.Next(2000, 25000) : lookup ? r.Next(8000, 40000) : r.Next(150, 900);
                start = Math.Max(_end[i - 1], _start[i - 1] + 1) + gap;
            }
            _start[i] = start;
            _end[i] = start + duration;
        }
        // A transcript cannot outlast the talk time the contact record states.
        var last = _end[_turns.Count - 1];
        var talkMs = f.TalkS * 1000;
        if (last > talkMs && talkMs > 0)
        {
            var scale = (double)talkMs / last;
            for (var i = 0; i < _turns.Count; i++)
            {
                _start[i] = (int)(_start[i] * scale);
                _end[i] = Math.Max(_start[i] + 1, (int)(_end[i] * scale));
            }
        }
    }

    private static int CountWords(string s)
    {
        var n = 1;
        foreach (var c in s) if (c == ' ') n++;
        return n;
    }

    private static string DayPart(int hour) => hour < 12 ? "Goedemorgen" : hour < 18 ? "Goedemiddag" : "Goedenavond";
}
