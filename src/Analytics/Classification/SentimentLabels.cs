namespace Analytics.Classification;

/// <summary>Survey scales whose score can stand in for a sentiment label.</summary>
public enum SurveyScale
{
    /// <summary>Net Promoter Score, 0–10.</summary>
    Nps,
    /// <summary>Customer Effort Score as "how easy was it", 1–7 where 7 is very easy.</summary>
    Ces,
    /// <summary>Customer satisfaction, 1–5.</summary>
    Csat,
}

/// <summary>The three sentiment classes, and how a survey score maps to them.</summary>
public static class SentimentLabels
{
    public const string Negative = "negative";
    public const string Neutral = "neutral";
    public const string Positive = "positive";
    public static readonly IReadOnlyList<string> All = [Negative, Neutral, Positive];

    /// <summary>
    /// NPS 0–6 negative (detractor), 7–8 neutral (passive), 9–10 positive (promoter);
    /// CES 1–3 negative, 4 neutral, 5–7 positive (7 = very easy);
    /// CSAT 1–2 negative, 3 neutral, 4–5 positive.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside the scale.</exception>
    public static string FromScore(SurveyScale scale, int score) => scale switch
    {
        SurveyScale.Nps => score switch
        {
            >= 0 and <= 6 => Negative,
            7 or 8 => Neutral,
            9 or 10 => Positive,
            _ => throw OutOfRange(scale, score, "0–10"),
        },
        SurveyScale.Ces => score switch
        {
            >= 1 and <= 3 => Negative,
            4 => Neutral,
            >= 5 and <= 7 => Positive,
            _ => throw OutOfRange(scale, score, "1–7"),
        },
        SurveyScale.Csat => score switch
        {
            1 or 2 => Negative,
            3 => Neutral,
            4 or 5 => Positive,
            _ => throw OutOfRange(scale, score, "1–5"),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, "unknown scale"),
    };

    public static SurveyScale ParseScale(string name) => name.Trim().ToLowerInvariant() switch
    {
        "nps" => SurveyScale.Nps,
        "ces" => SurveyScale.Ces,
        "csat" => SurveyScale.Csat,
        _ => throw new ArgumentException($"unknown scale '{name}': use nps, ces or csat"),
    };

    /// <summary>
    /// Maps common spellings (pos, Positief, NEG, negatief, neutraal, 1/0/-1) to a sentiment class; null when it is
    /// none of them (e.g. "conflict", "mixed", "none"), which callers drop.
    /// </summary>
    public static string? Normalise(string label) => label.Trim().ToLowerInvariant() switch
    {
        "negative" or "neg" or "negatief" or "-1" => Negative,
        "neutral" or "neu" or "neutraal" or "0" => Neutral,
        "positive" or "pos" or "positief" or "1" => Positive,
        _ => null,
    };

    private static ArgumentOutOfRangeException OutOfRange(SurveyScale scale, int score, string range) =>
        new(nameof(score), score, $"{scale.ToString().ToUpperInvariant()} scores run {range}; got {score}");
}
