namespace Analytics.Insights.Drivers;

/// <summary>
/// The names <see cref="DriverAnalysis"/> gives its features. They are keys, not text for a reader: the API returns
/// them (and driver_fits stores them) unchanged, and a report turns each into a label in its own language.
/// </summary>
public static class DriverFeatures
{
    /// <summary>A reason's own feature is this prefix and the reason's code ("reason STO-INT").</summary>
    public const string ReasonPrefix = "reason ";
    /// <summary>Reasons with too few responses for a coefficient of their own, pooled.</summary>
    public const string OtherReason = ReasonPrefix + "(other reason)";
    public const string EarlierContacts = "earlier contacts";
    public const string WaitTime = "wait time";
    public const string HandlingTime = "handling time";
    public const string Transfers = "transfers";
    public const string Interrupted = "agent interrupted";
    public const string OpenQuestion = "open question asked";
    public const string Summarised = "summarised / checked understanding";
    public const string IdentificationFirst = "identification before acknowledgement";
    public const string LongSilence = "long silence";
    public const string TalkListenRatio = "talk/listen ratio";

    /// <summary>Every feature that is not one reason's own: a report needs a label for each of these.</summary>
    public static readonly IReadOnlyList<string> Fixed =
    [
        OtherReason, EarlierContacts, WaitTime, HandlingTime, Transfers,
        Interrupted, OpenQuestion, Summarised, IdentificationFirst, LongSilence, TalkListenRatio,
    ];

    /// <summary>The reason code of a single reason's feature; null for any other, the pooled one included.</summary>
    public static string? ReasonCode(string feature) =>
        feature != OtherReason && feature.StartsWith(ReasonPrefix, StringComparison.Ordinal)
            ? feature[ReasonPrefix.Length..]
            : null;
}
