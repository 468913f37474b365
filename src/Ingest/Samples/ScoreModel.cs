namespace Analytics.Ingest.Samples;

/// <summary>What the model needs to know about one answered contact.</summary>
internal readonly record struct ScoreDrivers(
    SampleReason Reason, SampleAgent Agent, string Channel, int PriorContacts, int Transfers, int WaitS, string Outcome,
    bool Interrupted, bool PostcodeFirst, bool Summarised, bool AskedForTen);

/// <summary>
/// The ground truth planted in the samples, all in one place so that tests and samples/README.md can quote it.
/// A contact's experience is a latent score on the 0–10 NPS scale: <see cref="Latent"/> = intercept + effects,
/// plus normal noise; NPS = round and clamp to 0..10, CES (1–7, higher = easier) and CSAT (1–5) are linear maps
/// of the same latent score. Survey gaming adds to the NPS only, never to the latent experience or the comment tone.
/// </summary>
internal static class ScoreModel
{
    public const double Intercept = 7.9;
    public const double NoiseSd = 1.5;

    /// <summary>Per prior contact of the same customer in the 10 days before this one (any channel or outcome), at most 3 counted.</summary>
    public const double PerPriorContact = -0.7;
    public const int PriorContactCap = 3;
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromDays(10);

    public const double PerTransfer = -0.8;
    /// <summary>Phone and chat: per minute of waiting beyond the first minute, at most 10 minutes counted.</summary>
    public const double PerMinuteWait = -0.25;
    public const double WaitCapMinutes = 10;
    /// <summary>E-mail: per hour until first response.</summary>
    public const double PerHourEmailWait = -0.1;
    public const double CallbackOutcome = -0.8;
    public const double TransferredOutcome = -0.4;

    // Agent behaviours, visible in transcripts (see samples/README.md for how each is recognised).
    public const double Interrupting = -0.8;
    public const double PostcodeFirst = -0.6;
    public const double Summarising = 0.7;
    /// <summary>Added to the NPS only, when the agent asked for a 10.</summary>
    public const double GamingBoost = 2.0;

    public const double DefaultPInterrupt = 0.08;
    public const double DefaultPPostcodeFirst = 0.2;
    public const double DefaultPSummarise = 0.25;
    public const string GamingAgent = "A014";
    public const double GamingAskRate = 0.9;

    public static readonly IReadOnlyDictionary<string, double> ReasonEffect = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["FAC-ONDUIDELIJK"] = -1.5, ["FAC-HOOG"] = -1.2, ["FAC-JAAR"] = -0.6, ["FAC-BETREG"] = 0.2, ["FAC-INCASSO"] = 0.0,
        ["FAC-TERUGBET"] = -0.7, ["STO-INTERNET"] = -2.0, ["STO-TV"] = -1.2, ["STO-MONTEUR"] = -0.5, ["STO-STROOM"] = -0.3,
        ["VER-VERHUIZING"] = 0.8, ["VER-METERSTAND"] = 0.3, ["VER-NIEUW"] = 0.5, ["CON-TARIEF"] = -0.8, ["CON-VERLENGEN"] = 0.6,
        ["CON-UPGRADE"] = 0.7, ["CON-ACTIE"] = -0.5, ["ACC-DIGIFACT"] = -0.9, ["ACC-APP"] = -0.7, ["ACC-GEGEVENS"] = 0.2,
        ["OPZ-OVERLIJDEN"] = 0.4, ["OPZ-OPZEGGEN"] = -0.4, ["OPZ-KLACHT"] = -2.2,
    };

    /// <summary>Agent skill on the latent scale; agents not listed are average (0).</summary>
    public static readonly IReadOnlyDictionary<string, double> AgentSkill = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["A005"] = 1.2, ["A018"] = 1.0, ["A031"] = 0.9,
        ["A009"] = -1.3, ["A027"] = -1.1, ["A036"] = -1.0,
        [GamingAgent] = -0.3,
    };

    /// <summary>Agents whose behaviour differs from the defaults: (P interrupt, P postcode first, P summarise).</summary>
    public static readonly IReadOnlyDictionary<string, (double Interrupt, double PostcodeFirst, double Summarise)> AgentBehaviour =
        new Dictionary<string, (double, double, double)>(StringComparer.Ordinal)
        {
            ["A012"] = (0.6, DefaultPPostcodeFirst, 0.1),
            ["A009"] = (0.4, 0.5, 0.1),
            ["A023"] = (DefaultPInterrupt, 0.85, DefaultPSummarise),
            ["A005"] = (0.02, 0.05, 0.8),
            ["A018"] = (DefaultPInterrupt, 0.1, 0.7),
        };

    /// <summary>Chance that the customer contacts again about the same issue after a resolved contact; see <see cref="RepeatChance"/>.</summary>
    public static readonly IReadOnlyDictionary<string, double> RepeatRisk = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["STO-INTERNET"] = 0.30, ["ACC-DIGIFACT"] = 0.25, ["FAC-ONDUIDELIJK"] = 0.22, ["OPZ-KLACHT"] = 0.20, ["STO-TV"] = 0.18,
        ["ACC-APP"] = 0.18, ["STO-MONTEUR"] = 0.15, ["FAC-HOOG"] = 0.15, ["FAC-TERUGBET"] = 0.15, ["CON-ACTIE"] = 0.12,
        ["VER-VERHUIZING"] = 0.05, ["VER-METERSTAND"] = 0.04,
    };
    public const double DefaultRepeatRisk = 0.06;
    public const double RepeatFactorCallback = 2.0;
    public const double RepeatFactorTransferred = 1.5;
    /// <summary>Agents with skill below -0.5 leave more issues unresolved.</summary>
    public const double RepeatFactorWeakAgent = 1.4;
    public const double RetryAfterAbandon = 0.6;
    /// <summary>Share of repeats that come back as a complaint about the earlier handling instead of the same reason.</summary>
    public const double RepeatAsComplaint = 0.1;

    /// <summary>Chance the contact ends handed over to a second line (outcome transferred).</summary>
    public static readonly IReadOnlyDictionary<string, double> EscalationRate = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["STO-INTERNET"] = 0.15, ["STO-TV"] = 0.10, ["OPZ-KLACHT"] = 0.20, ["FAC-TERUGBET"] = 0.10, ["STO-STROOM"] = 0.25,
    };
    public const double DefaultEscalationRate = 0.04;
    public const double CallbackRate = 0.06;
    public const double CallbackRateWeakAgent = 0.12;

    /// <summary>Volume: "inloggen digitale factuur" triples from the switch to digital invoices (first day of the middle month).</summary>
    public const string EmergingReason = "ACC-DIGIFACT";
    public const double EmergingFactor = 3.0;
    /// <summary>Rate letters go out at the turn of the year: "tariefwijziging" doubles in January.</summary>
    public const string JanuaryReason = "CON-TARIEF";
    public const double JanuaryFactor = 2.0;

    // The tables above, resolved per catalogue index once: the generator looks them up for every contact.
    private static readonly double[] ReasonEffectByIndex = SampleCatalog.Reasons.Select(r => ReasonEffect[r.Code]).ToArray();
    private static readonly double[] RepeatRiskByIndex = SampleCatalog.Reasons.Select(r => RepeatRisk.GetValueOrDefault(r.Code, DefaultRepeatRisk)).ToArray();
    private static readonly double[] EscalationByIndex = SampleCatalog.Reasons.Select(r => EscalationRate.GetValueOrDefault(r.Code, DefaultEscalationRate)).ToArray();
    private static readonly double[] SkillByAgent = SampleCatalog.Agents.Select(a => AgentSkill.GetValueOrDefault(a.Id)).ToArray();
    private static readonly (double Interrupt, double PostcodeFirst, double Summarise)[] BehaviourByAgent = SampleCatalog.Agents
        .Select(a => AgentBehaviour.GetValueOrDefault(a.Id, (DefaultPInterrupt, DefaultPPostcodeFirst, DefaultPSummarise))).ToArray();

    public static DateOnly EmergingFrom(DateOnly start, int months) => start.AddMonths(months / 2);

    public static double Skill(SampleAgent agent) => SkillByAgent[agent.Index];

    public static (double Interrupt, double PostcodeFirst, double Summarise) Behaviour(SampleAgent agent) => BehaviourByAgent[agent.Index];

    public static double Escalation(SampleReason reason) => EscalationByIndex[reason.Index];

    public static bool IsWeak(SampleAgent agent) => Skill(agent) < -0.5;

    public static double Latent(in ScoreDrivers d)
    {
        var x = Intercept + ReasonEffectByIndex[d.Reason.Index] + Skill(d.Agent);
        x += PerPriorContact * Math.Min(d.PriorContacts, PriorContactCap);
        x += PerTransfer * d.Transfers;
        x += d.Channel is "email"
            ? PerHourEmailWait * (d.WaitS / 3600.0)
            : PerMinuteWait * Math.Min(Math.Max(d.WaitS - 60, 0) / 60.0, WaitCapMinutes);
        x += d.Outcome switch { "callback" => CallbackOutcome, "transferred" => TransferredOutcome, _ => 0 };
        if (d.Interrupted) x += Interrupting;
        if (d.PostcodeFirst) x += PostcodeFirst;
        if (d.Summarised) x += Summarising;
        return x;
    }

    public static int Nps(double experience, bool askedForTen) =>
        Clamp(experience + (askedForTen ? GamingBoost : 0), 0, 10);

    public static int Ces(double experience, double noise) => Clamp(1 + 6 * experience / 10 + noise, 1, 7);

    public static int Csat(double experience, double noise) => Clamp(1 + 4 * experience / 10 + noise, 1, 5);

    public static double RepeatChance(SampleReason reason, string outcome, SampleAgent agent)
    {
        var p = RepeatRiskByIndex[reason.Index];
        p *= outcome switch { "callback" => RepeatFactorCallback, "transferred" => RepeatFactorTransferred, _ => 1 };
        if (IsWeak(agent)) p *= RepeatFactorWeakAgent;
        return Math.Min(p, 0.85);
    }

    private static int Clamp(double x, int min, int max) =>
        (int)Math.Clamp(Math.Round(x, MidpointRounding.AwayFromZero), min, max);
}
