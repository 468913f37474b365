using System.Globalization;
using Analytics.Classification;

namespace Analytics.Api.Cli.Bench;

/// <summary>The public data sets the model benchmark reads (read-only, never copied into the repository).</summary>
internal sealed class BenchData(string root)
{
    public static BenchData Locate(string? option)
    {
        var root = option ?? Environment.GetEnvironmentVariable("ANALYTICS_DATASETS") ?? SharedBesideProject() ?? "../shared/datasets";
        if (!Directory.Exists(Path.Combine(root, "banking77")))
            throw new CliUsageException($"no banking77 data set under '{root}': pass --datasets DIR or set ANALYTICS_DATASETS");
        return new BenchData(root);
    }

    /// <summary>../shared/datasets beside the project root, found by walking up from the working folder and the binary.</summary>
    private static string? SharedBesideProject()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, "shared", "datasets")))
                    return Path.Combine(dir.FullName, "shared", "datasets");
        return null;
    }

    public IReadOnlyList<LabelledText> Banking77(string file) =>
        LabelledCsv.ReadLabelled(Path.Combine(root, "banking77", file), "text", "category").Rows;

    /// <summary>
    /// Sentence-level polarity of the Dutch SemEval-2016 restaurant reviews: "none" (no opinion) and "mixed"
    /// (opinions disagree) are dropped, the rest are negative|neutral|positive. Split by review (20% held out)
    /// so sentences of one review never sit on both sides.
    /// </summary>
    public (List<(string Review, LabelledText Item)> Train, List<(string Review, LabelledText Item)> Holdout) DutchSentimentSplit(int seed = 1) =>
        DataSplit.ByGroup(DutchSentences(), r => r.Review, 0.2, seed);

    public List<(string Review, LabelledText Item)> DutchSentences()
    {
        var table = LabelledCsv.Read(Path.Combine(root, "semeval2016-absa-dutch-restaurants", "sentences.csv"));
        int review = table.Column("review_id"), text = table.Column("text"), polarity = table.Column("sentence_polarity");
        return table.Rows
            .Select(r => (Review: table.Value(r, review), Text: table.Value(r, text), Label: SentimentLabels.Normalise(table.Value(r, polarity))))
            .Where(r => r.Label is not null && r.Text.Length > 0)
            .Select(r => (r.Review, Item: new LabelledText(r.Text, r.Label!)))
            .ToList();
    }

    public static HashSet<string> HeldOutClasses(IEnumerable<LabelledText> train, int count, int seed)
    {
        var labels = train.Select(t => t.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(labels);
        return labels.Take(count).ToHashSet(StringComparer.Ordinal);
    }

    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    public static string Invariant(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
