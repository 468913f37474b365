using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Analytics.Reasons;

/// <summary>One cluster of texts: the indexes of its members in the input and the words that name it.</summary>
public sealed record TextCluster(IReadOnlyList<int> Members, IReadOnlyList<string> Words);

/// <summary>
/// Groups texts by their content words: ML.NET k-means over L2-normalised word and two-word tf-idf bags (so distance
/// is cosine-like), over-clustered on purpose (about one cluster per <see cref="MembersPerCluster"/> texts) because a
/// small pure group is worth more to an analyst than a large mixed one; clusters below <see cref="MinimumSize"/> and
/// clusters without distinctive words are dropped as noise.
/// </summary>
public sealed class TextClusters
{
    public int MinimumSize { get; init; } = 5;
    public int MembersPerCluster { get; init; } = 6;
    public int MaximumClusters { get; init; } = 60;
    public int Seed { get; init; } = 17;
    /// <summary>Character n-grams beside the words (0: words only): they tie spelling variants and compounds together.</summary>
    public int CharacterGrams { get; init; } = 3;

    private sealed class Row
    {
        public string Text { get; set; } = "";
    }

    private sealed class Assigned
    {
        [ColumnName("PredictedLabel")] public uint Cluster { get; set; }
    }

    /// <param name="texts">The texts to group (raw; normalised here).</param>
    /// <param name="background">Texts the groups are named against (e.g. a sample of all contacts' notes).</param>
    public IReadOnlyList<TextCluster> Find(IReadOnlyList<string> texts, IReadOnlyList<string> background)
    {
        var content = texts.Select(DiscoveryWords.Content).ToList();
        var usable = Enumerable.Range(0, texts.Count).Where(i => content[i].Length > 0).ToList();
        if (usable.Count < MinimumSize) return [];
        var k = Math.Clamp(usable.Count / MembersPerCluster, 1, MaximumClusters);
        var ml = new MLContext(seed: Seed);
        var data = ml.Data.LoadFromEnumerable(usable.Select(i => new Row { Text = content[i] }));
        var pipeline = ml.Transforms.Text.FeaturizeText("Features",
                Classification.ClassifierPipeline.TextOptions(wordNgrams: 2, CharacterGrams, tfIdf: true), nameof(Row.Text))
            .Append(ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
            {
                FeatureColumnName = "Features", NumberOfClusters = k, NumberOfThreads = 1,
                InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            }));
        var model = pipeline.Fit(data);
        var assigned = ml.Data.CreateEnumerable<Assigned>(model.Transform(data), reuseRowObject: false)
            .Select(a => (int)a.Cluster).ToList();
        var clusters = new List<TextCluster>();
        foreach (var group in usable.Zip(assigned).GroupBy(x => x.Second).OrderBy(g => g.Key))
        {
            var members = group.Select(x => x.First).ToList();
            if (members.Count < MinimumSize) continue;
            var words = DiscoveryWords.Distinctive(members.Select(i => texts[i]).ToList(), background);
            if (words.Count > 0) clusters.Add(new TextCluster(members, words));
        }
        return clusters.OrderByDescending(c => c.Members.Count).ThenBy(c => c.Members[0]).ToList();
    }
}
