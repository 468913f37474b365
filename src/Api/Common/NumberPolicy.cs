using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Analytics.Insights.Drivers;
using Analytics.Statistics;

namespace Analytics.Api.Common;

/// <summary>
/// Which <see cref="Rounding"/> rule each number of an answer gets, by its JSON name. Applied as answers are written
/// (a serializer modifier, <see cref="Install"/>) and by the CSV export (<see cref="For"/>), so handlers and the core
/// records they return stay unrounded and the two formats cannot disagree. A name missing here falls back to three
/// significant digits; a test fails on any number property of the OpenAPI document that has no entry.
/// </summary>
internal static class NumberPolicy
{
    private static readonly Dictionary<string, Func<double, double>> ByName = new(StringComparer.Ordinal)
    {
        // Scores and percentages. Estimate.value/low/high are always on the 0–100 (or CES 1–7) scale.
        ["value"] = Rounding.Score, ["low"] = Rounding.Score, ["high"] = Rounding.Score,
        ["shareAgreeing"] = Rounding.Score, ["teamNps"] = Rounding.Score, ["difference"] = Rounding.Score,
        ["abandonmentRate"] = Rounding.Score, ["abandonmentLow"] = Rounding.Score, ["abandonmentHigh"] = Rounding.Score,
        ["serviceLevel"] = Rounding.Score, ["sharePercent"] = Rounding.Score, ["cumulativePercent"] = Rounding.Score,
        ["startValue"] = Rounding.Score, ["targetValue"] = Rounding.Score, ["current"] = Rounding.Score,
        ["progressPercent"] = Rounding.Score, ["trendPerMonth"] = Rounding.Score, ["miscodePercent"] = Rounding.Score,
        ["scorePercent"] = Rounding.Score, ["effect"] = Rounding.Score, ["meanBefore"] = Rounding.Score,
        ["meanAfter"] = Rounding.Score, ["shareClosedInTime"] = Rounding.Score, ["bias"] = Rounding.Score,
        // Fractions 0–1.
        ["weight"] = Rounding.Share, ["confidence"] = Rounding.Share, ["certainty"] = Rounding.Share,
        ["startConfidence"] = Rounding.Share, ["endConfidence"] = Rounding.Share, ["codedConfidence"] = Rounding.Share,
        ["candidateMacroF1"] = Rounding.Share, ["activeMacroF1"] = Rounding.Share,
        ["runnerUpConfidence"] = Rounding.Share, ["accuracy"] = Rounding.Share, ["macroF1"] = Rounding.Share,
        ["calibrationError"] = Rounding.Share, ["unknownRate"] = Rounding.Share, ["acceptedAccuracy"] = Rounding.Share,
        ["candidateAccuracy"] = Rounding.Share, ["activeAccuracy"] = Rounding.Share,
        ["l2"] = Rounding.Ratio, ["validationAccuracy"] = Rounding.Share, ["validationUnknownRate"] = Rounding.Share,
        ["validationConfidenceQuartiles"] = Rounding.Share, ["confidenceP25"] = Rounding.Share,
        ["confidenceMedian"] = Rounding.Share, ["confidenceP75"] = Rounding.Share, ["confidenceShift"] = Rounding.Share,
        ["validationConfidenceDeciles"] = Rounding.Share,
        // Agreement coefficients (−1 to 1).
        ["kappa"] = Rounding.Share, ["alpha"] = Rounding.Share,
        // Durations.
        ["averageSpeedOfAnswerSeconds"] = Rounding.Seconds, ["averageHandleTimeSeconds"] = Rounding.Seconds,
        ["medianHandleTimeSeconds"] = Rounding.Seconds,
        // Model statistics.
        ["beta"] = Rounding.Ratio, ["oddsRatio"] = Rounding.Ratio, ["z"] = Rounding.Ratio,
        ["expectedPromoters"] = Rounding.Ratio,
        ["withinVariance"] = Rounding.Ratio, ["betweenVariance"] = Rounding.Ratio,
        ["baselineMean"] = Rounding.Ratio, ["recentMean"] = Rounding.Ratio, ["cusum"] = Rounding.Ratio,
        ["threshold"] = Rounding.Ratio, ["targetRunLength"] = Rounding.Ratio, ["milliseconds"] = Rounding.Ratio,
        ["talkListenRatio"] = Rounding.Ratio, ["meanTalkListenRatio"] = Rounding.Ratio,
        ["wordsPerMinute"] = Rounding.Ratio, ["meanWordsPerMinute"] = Rounding.Ratio,
        ["interruptionsPerContact"] = Rounding.Ratio, ["openQuestionsPerContact"] = Rounding.Ratio,
        ["longSilencesPerContact"] = Rounding.Ratio,
        ["missedDeliveries"] = Rounding.Ratio,
        ["p"] = Rounding.PValue, ["confidenceP"] = Rounding.PValue,
    };

    /// <summary>Where a name means something else: a driver's low and high bound its odds ratio, not a score.</summary>
    private static readonly Dictionary<(Type, string), Func<double, double>> ByTypeAndName = new()
    {
        [(typeof(DriverEffect), "low")] = Rounding.Ratio, [(typeof(DriverEffect), "high")] = Rounding.Ratio,
    };

    /// <summary>The JSON names that have a rule of their own (the rest get three significant digits).</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static Func<double, double> Rule(Type owner, string jsonName) =>
        ByTypeAndName.GetValueOrDefault((owner, jsonName)) ?? ByName.GetValueOrDefault(jsonName) ?? Rounding.Ratio;

    /// <summary>Rounds a property's value as it is written; values that are not floating-point pass through.</summary>
    public static Func<object?, object?>? For(Type owner, string jsonName, Type propertyType)
    {
        var type = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        if (type != typeof(double) && type != typeof(float)) return null;
        var rule = Rule(owner, jsonName);
        return v => v switch
        {
            double d => rule(d),
            float f => (float)rule(f),
            _ => v,
        };
    }

    /// <summary>Makes a serializer write every double and float property rounded.</summary>
    public static void Install(JsonSerializerOptions options) =>
        options.TypeInfoResolver =
            (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(Apply);

    private static void Apply(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in info.Properties)
            if (property.Get is { } get && For(info.Type, property.Name, property.PropertyType) is { } round)
                property.Get = o => round(get(o));
    }
}
