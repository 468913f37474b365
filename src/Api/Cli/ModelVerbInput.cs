using System.Globalization;
using Analytics.Classification;

namespace Analytics.Api.Cli;

/// <summary>Reading labelled CSV input for the model verbs, the same way for reasons and sentiment.</summary>
internal static class ModelVerbInput
{
    /// <summary>
    /// --input FILE --text COL and either --label COL, or (sentiment only) --score COL --scale nps|ces|csat.
    /// Sentiment labels are read leniently (pos, negatief, …) and rows that are none of negative|neutral|positive
    /// (conflict, mixed, none) are skipped and counted on stderr.
    /// </summary>
    public static List<LabelledText> ReadLabelled(CliArgs args, string verb, string kind)
    {
        var table = LabelledCsv.Read(args.Require("input"));
        var text = table.Column(args.Require("text"));
        int labelColumn;
        Func<string, string?> toLabel;
        var unmapped = new SortedSet<string>(StringComparer.Ordinal);
        if (kind == ModelKinds.Sentiment && args.Has("score"))
        {
            var scale = ParseScale(args.Require("scale"));
            labelColumn = table.Column(args.Require("score"));
            toLabel = raw =>
            {
                if (double.TryParse(raw.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v == Math.Floor(v))
                {
                    try
                    {
                        return SentimentLabels.FromScore(scale, (int)v);
                    }
                    catch (ArgumentOutOfRangeException)
                    {
                        // Out of the scale's range: counted as skipped below.
                    }
                }
                unmapped.Add(raw);
                return null;
            };
        }
        else
        {
            if (args.Has("score")) throw new CliUsageException("--score is for sentiment verbs; use --label COL");
            labelColumn = table.Column(args.Get("label") ?? throw new CliUsageException(
                kind == ModelKinds.Sentiment ? "--label COL, or --score COL --scale nps|ces|csat, is required" : "--label is required"));
            toLabel = kind == ModelKinds.Sentiment
                ? raw => SentimentLabels.Normalise(raw) ?? Unmapped(unmapped, raw)
                : raw => raw;
        }
        var (rows, skipped) = LabelledCsv.Labelled(table, text, labelColumn, toLabel);
        if (skipped > 0)
            Console.Error.WriteLine($"{verb}: skipped {skipped} of {table.Rows.Count} rows with an empty text or label" +
                                    (unmapped.Count > 0 ? $" or a value that is not a sentiment ({string.Join(", ", unmapped.Take(8))})" : ""));
        if (rows.Count == 0)
            throw new ClassifierDataException($"{Path.GetFileName(table.Path)} has no usable labelled rows" +
                (kind == ModelKinds.Sentiment ? "; sentiment labels must be negative, neutral or positive (or use --score COL --scale nps|ces|csat)" : ""));
        return rows;
    }

    private static string? Unmapped(SortedSet<string> unmapped, string raw)
    {
        unmapped.Add(raw);
        return null;
    }

    private static SurveyScale ParseScale(string name)
    {
        try
        {
            return SentimentLabels.ParseScale(name);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException(e.Message);
        }
    }

    /// <summary>`--l2 X` trains with that L2; `--l2 auto` chooses it on the validation split (decision 045).</summary>
    public static TextClassifierOptions WithL2(TextClassifierOptions o, string text)
    {
        try
        {
            return o.WithL2(text);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException($"--l2 {e.Message}");
        }
    }

    public static TextClassifierOptions Options(CliArgs args)
    {
        var o = new TextClassifierOptions();
        try
        {
            if (args.Get("featurisation") is { } f) o = o with { Featurisation = Featurisation.Parse(f) };
            if (args.Get("trainer") is { } t) o = o with { Trainer = Enum.Parse<TrainerKind>(t, ignoreCase: true) };
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException($"{e.Message} (trainers: {string.Join(", ", Enum.GetNames<TrainerKind>())})");
        }
        try
        {
            if (args.Get("noisy-labels") is { } n) o = o with { NoisyLabels = NoisyLabels.Parse(n) };
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException($"--noisy-labels: {e.Message}; e.g. drop:3:0.3, relabel:5:cl, drop:3:pbnr, " +
                "fix:3:0.3:0.8 (relabel from 0.8, drop below), weight:3:0.3, drop:3:0.3:x2 (two rounds)");
        }
        if (args.Get("l2") is { } l2) o = WithL2(o, l2);
        if (args.Get("budget") is { } b)
            o = o with { ReviewBudget = double.TryParse(b, CultureInfo.InvariantCulture, out var v) && v is >= 0 and < 1 ? v : throw new CliUsageException("--budget must be a share between 0 and 1, e.g. 0.03") };
        if (args.Has("seed")) o = o with { Seed = args.GetInt("seed", 1) };
        return o;
    }
}
