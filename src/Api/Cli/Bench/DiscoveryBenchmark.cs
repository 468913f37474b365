using Analytics.Classification;
using Analytics.Ingest.Samples;
using Analytics.Reasons;

namespace Analytics.Api.Cli.Bench;

/// <summary>
/// `./analytics bench discovery` (also run at the end of `bench models`): new-reason discovery on ten BANKING77
/// classes held out of training, miscode precision and recall on the sample centre's planted sibling miscodes, and the
/// accuracy lost when 20% of BANKING77's training labels are flipped to a sibling.
/// </summary>
internal sealed class DiscoveryBenchmark : IBenchmark
{
    public string Name => "discovery";
    public string Usage => "bench discovery [--datasets DIR] [--part discovery|miscodes|noise] " +
                           "[--noisy-labels drop:3:0.5,relabel:5:0.8,drop:5:cl,drop:5:pbnr," +
                           "fix:3:0.3:0.8,drop:3:0.3:x2,weight:3:0.3] " +
                           "[--skip-baseline] [--flipped-only] [--flag-quality|--flags-only] [--l2 X|auto] [--noise-seed 20]";

    private const double MinimumPurity = 0.7;

    /// <summary>Whether the cleanings' flags are scored against the known flips, and whether the models are trained too.</summary>
    internal enum FlagReport { None, AndTrain, Only }
    private static void Print(string name, object value) => ModelsBenchmark.Print(name, value);

    public Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var data = BenchData.Locate(args.Get("datasets"));
        var options = new TextClassifierOptions();
        if (args.Get("l2") is { } l2) options = ModelVerbInput.WithL2(options, l2);
        // "none": the clean and flipped baselines only.
        var variants = args.Get("noisy-labels")?.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Where(v => v != "none").Select(NoisyLabels.Parse).ToList();
        Run(data.Banking77("train.csv"), data.Banking77("test.csv"), options, args.Get("part"), ct, variants,
            !args.Has("skip-baseline"), args.Has("flipped-only"),
            args.Has("flags-only") ? FlagReport.Only : args.Has("flag-quality") ? FlagReport.AndTrain : FlagReport.None,
            args.GetInt("noise-seed", 20));
        return Task.FromResult(0);
    }

    public static void Run(IReadOnlyList<LabelledText> train, IReadOnlyList<LabelledText> test, TextClassifierOptions options,
        string? part, CancellationToken ct, IReadOnlyList<NoisyLabels>? variants = null, bool baseline = true, bool flippedOnly = false,
        FlagReport flags = FlagReport.None, int noiseSeed = 20)
    {
        if (part is null or "discovery") Discovery(train, test, options);
        ct.ThrowIfCancellationRequested();
        if (part is null or "miscodes") SampleMiscodes(options, ct);
        ct.ThrowIfCancellationRequested();
        // Unasked, the noise part measures what the README recommends for poorly coded centres, --l2 auto (decision 045).
        if (part is null or "noise")
            LabelNoise(train, test, variants is null ? ForNoisyCodes(options) : options, variants ?? [], baseline, flippedOnly,
                flags, noiseSeed, ct);
    }

    private static TextClassifierOptions ForNoisyCodes(TextClassifierOptions o) =>
        o is { L2: null, L2Choices: null, Trainer: TrainerKind.LbfgsMaximumEntropy }
            ? o with { L2Choices = TextClassifierOptions.AutoL2 } : o;

    /// <summary>
    /// The model never saw ten classes; the test texts it calls unknown are clustered. A held-out class is recovered when
    /// the candidate holding most of its texts is at least 70% that class; recall is the share of the class's test
    /// texts in that candidate.
    /// </summary>
    private static void Discovery(IReadOnlyList<LabelledText> train, IReadOnlyList<LabelledText> test, TextClassifierOptions options)
    {
        var held = BenchData.HeldOutClasses(train, 10, seed: 7);
        var model = TextClassifier.Train(train.Where(t => !held.Contains(t.Label)), options);
        var predictions = model.PredictBatch(test.Select(t => t.Text));
        var unknown = test.Where((_, i) => predictions[i].IsUnknown).ToList();
        var clusters = new TextClusters().Find(unknown.Select(u => u.Text).ToList(), train.Select(t => t.Text).ToList());
        Print("discovery_unknown_texts", unknown.Count);
        Print("discovery_candidates", clusters.Count);
        var recovered = 0;
        foreach (var label in held.Order(StringComparer.Ordinal))
        {
            var (purity, recall, words) = Recovery(clusters, unknown, label, test.Count(t => t.Label == label));
            if (purity >= MinimumPurity) recovered++;
            Print($"discovery_{label}_purity", purity);
            Print($"discovery_{label}_recall", recall);
            Print($"discovery_{label}_words", words);
        }
        Print("discovery_recovered_of_10", recovered);
    }

    /// <summary>
    /// The candidate that recovers a class: among the candidates at least 70% this class, the one holding most of its
    /// texts; when there is none, the candidate holding most of its texts (to print how far off it is).
    /// </summary>
    private static (double Purity, double Recall, string Words) Recovery(IReadOnlyList<TextCluster> clusters,
        List<LabelledText> unknown, string label, int total)
    {
        var scored = clusters.Select(c => (Cluster: c, Hits: c.Members.Count(m => unknown[m].Label == label)))
            .Where(x => x.Hits > 0).Select(x => (x.Cluster, x.Hits, Purity: x.Hits / (double)x.Cluster.Members.Count)).ToList();
        var best = scored.Where(x => x.Purity >= MinimumPurity).OrderByDescending(x => x.Hits).FirstOrDefault();
        if (best.Cluster is null) best = scored.OrderByDescending(x => x.Hits).FirstOrDefault();
        return best.Cluster is null ? (0, 0, "") : (best.Purity, best.Hits / (double)total, string.Join(" | ", best.Cluster.Words));
    }

    /// <summary>The committed sample centre: flagged contacts against the notes' true reasons.</summary>
    private static void SampleMiscodes(TextClassifierOptions options, CancellationToken ct)
    {
        var path = SamplesFile("contacts.csv");
        if (path is null)
        {
            Print("miscodes_skipped", "samples/contacts.csv not found");
            return;
        }
        var rows = LabelledCsv.ReadLabelled(path, "notes", "reason_code").Rows;
        var truth = rows.Select(r => SampleTruth.TrueReason(r.Text)).ToList();
        var planted = rows.Where((r, i) => truth[i] is { } t && t != r.Label).Count();
        var flagged = new CrossFittedMiscodes { Options = options }.Find(rows, ct);
        var right = flagged.Count(m => truth[m.Index] is { } t && t != m.Coded);
        var rightSuggestion = flagged.Count(m => truth[m.Index] == m.Suggested && m.Suggested != m.Coded);
        Print("miscodes_contacts", rows.Count);
        Print("miscodes_planted", planted);
        Print("miscodes_flagged", flagged.Count);
        Print("miscodes_precision", flagged.Count == 0 ? 0 : right / (double)flagged.Count);
        Print("miscodes_recall", planted == 0 ? 0 : right / (double)planted);
        Print("miscodes_suggestion_right", right == 0 ? 0 : rightSuggestion / (double)right);
    }

    /// <summary>
    /// 20% of the training labels flipped to a sibling (a class sharing a word of its name, e.g. card_arrival and
    /// card_delivery_estimate; any other class when none does): test accuracy with <paramref name="options"/> against a
    /// default training on the clean labels, then with each cleaning of <paramref name="variants"/> (e.g. "drop:3:0.5"),
    /// trained on the flipped and on the clean labels.
    /// </summary>
    private static void LabelNoise(IReadOnlyList<LabelledText> train, IReadOnlyList<LabelledText> test, TextClassifierOptions options,
        IReadOnlyList<NoisyLabels> variants, bool baseline, bool flippedOnly, FlagReport flags, int seed, CancellationToken ct)
    {
        var labels = train.Select(t => t.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var siblings = labels.ToDictionary(l => l, l => Siblings(l, labels), StringComparer.Ordinal);
        var rng = new Random(seed);
        var noisy = train.Select(t => rng.NextDouble() < 0.2 ? t with { Label = siblings[t.Label][rng.Next(siblings[t.Label].Length)] } : t).ToList();
        Print("noise_flipped_share", noisy.Zip(train).Count(x => x.First.Label != x.Second.Label) / (double)train.Count);
        if (flags != FlagReport.None) FlagQuality(train, noisy, options, variants, ct);
        if (flags == FlagReport.Only) return;
        // The reference is what a centre whose codes are right gets from a default training.
        var defaults = options with { L2 = null, L2Choices = null, NoisyLabels = null };
        bool[]? reference = null;
        if (baseline)
        {
            reference = Correct(TextClassifier.Train(train, defaults), test);
            Print("noise_clean_accuracy", Share(reference));
            if (options != defaults)
            {
                var same = TextClassifier.Train(train, options);
                Print("noise_clean_accuracy_these_settings", Share(Correct(same, test)));
                if (same.Card.L2 is { } l2) Print("noise_clean_l2", l2);
                // What a centre gets that does nothing about its miscodes.
                Print("noise_flipped_accuracy_default_settings", Share(Correct(TextClassifier.Train(noisy, defaults), test)));
            }
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var flippedModel = TextClassifier.Train(noisy, options);
            Print("noise_flipped_train_seconds", clock.Elapsed.TotalSeconds);
            var flipped = Correct(flippedModel, test);
            Print("noise_flipped_accuracy", Share(flipped));
            // On the flipped labels' own validation split: all a centre can see of its model before trusting it.
            Print("noise_flipped_validation_accuracy", flippedModel.Card.Validation.Accuracy);
            if (flippedModel.Card.L2 is { } chosen) Print("noise_flipped_l2", chosen);
            Drop("noise_accuracy_drop_points", reference, flipped);
        }
        foreach (var variant in variants)
        {
            var name = $"noise_{variant.ToString().Replace(':', '_')}";
            var cleaned = options with { NoisyLabels = variant };
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var model = TextClassifier.Train(noisy, cleaned);
            var flipped = Correct(model, test);
            Print($"{name}_train_seconds", clock.Elapsed.TotalSeconds);
            Print($"{name}_rows_changed", model.Card.NoisyRowsChanged ?? 0);
            Print($"{name}_training_rows", model.Card.TrainingRows);
            if (model.Card.L2 is { } chosen) Print($"{name}_l2", chosen);
            Print($"{name}_flipped_accuracy", Share(flipped));
            if (reference is not null) Drop($"{name}_drop_points", reference, flipped);
            if (flippedOnly) continue;
            var onClean = Share(Correct(TextClassifier.Train(train, cleaned), test));
            Print($"{name}_clean_accuracy", onClean);
            Print($"{name}_drop_points_own_clean", 100 * (onClean - Share(flipped)));
        }
    }

    /// <summary>
    /// The drop in points with a 95% interval paired over the test rows (both models answer the same 3,080 texts, so
    /// the interval is that of the mean per-row difference, narrower than two separate intervals would give).
    /// </summary>
    private static void Drop(string name, bool[] reference, bool[] other)
    {
        var d = reference.Zip(other, (r, o) => (r ? 1.0 : 0) - (o ? 1 : 0)).ToArray();
        var mean = d.Average();
        var half = 1.96 * Math.Sqrt((d.Average(x => x * x) - mean * mean) / d.Length);
        Print(name, 100 * mean);
        Print($"{name}_ci95_low", 100 * (mean - half));
        Print($"{name}_ci95_high", 100 * (mean + half));
    }

    /// <summary>
    /// Which rows each cleaning flags among all the flipped training rows, without training on them: precision (flagged
    /// rows that were flipped), recall (flipped rows flagged), and how often the suggested label is the true one.
    /// Variants with the same folds share one cross-fitting.
    /// </summary>
    private static void FlagQuality(IReadOnlyList<LabelledText> train, List<LabelledText> noisy, TextClassifierOptions options,
        IReadOnlyList<NoisyLabels> variants, CancellationToken ct)
    {
        var flipped = noisy.Zip(train).Count(x => x.First.Label != x.Second.Label);
        foreach (var byFolds in variants.GroupBy(v => v.Folds))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var scores = byFolds.First().Judge(options).OutOfFold(noisy, ct);
            Print($"noise_folds_{byFolds.Key}_judge_seconds", clock.Elapsed.TotalSeconds);
            foreach (var variant in byFolds)
            {
                var name = $"noise_{variant.ToString().Replace(':', '_')}";
                var flagged = variant.Flag(noisy, scores);
                var hits = flagged.Keys.Count(i => noisy[i].Label != train[i].Label);
                Print($"{name}_flagged", flagged.Count);
                Print($"{name}_flag_precision", flagged.Count == 0 ? 0 : hits / (double)flagged.Count);
                Print($"{name}_flag_recall", flipped == 0 ? 0 : hits / (double)flipped);
                Print($"{name}_suggestion_right", hits == 0 ? 0
                    : flagged.Count(x => noisy[x.Key].Label != train[x.Key].Label && x.Value == train[x.Key].Label) / (double)hits);
                SuggestionBands(name, train, noisy, scores, flagged);
            }
        }
    }

    /// <summary>
    /// By the suggestion's own out-of-fold probability: how many flagged rows, and the share whose suggestion is their
    /// true label (relabelling them is right) — what a fix:…:X threshold is chosen from, on training rows only.
    /// </summary>
    private static void SuggestionBands(string name, IReadOnlyList<LabelledText> train, List<LabelledText> noisy,
        OutOfFoldScores scores, Dictionary<int, string> flagged)
    {
        double[] edges = [0, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01];
        var column = scores.Labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        for (var b = 0; b + 1 < edges.Length; b++)
        {
            var band = flagged.Where(x => scores.Probabilities[x.Key]![column[x.Value]] is var q
                && q >= edges[b] && q < edges[b + 1]).ToList();
            var label = FormattableString.Invariant($"{name}_suggested_{edges[b]:0.0}_{Math.Min(edges[b + 1], 1):0.0}");
            double Share(Func<KeyValuePair<int, string>, bool> right) =>
                band.Count == 0 ? 0 : band.Count(right) / (double)band.Count;
            Print($"{label}_rows", band.Count);
            Print($"{label}_true", Share(x => x.Value == train[x.Key].Label));
            Print($"{label}_flipped", Share(x => noisy[x.Key].Label != train[x.Key].Label));
        }
    }

    private static string[] Siblings(string label, string[] labels)
    {
        var words = label.Split('_').Where(w => w.Length > 2).ToHashSet(StringComparer.Ordinal);
        var near = labels.Where(l => l != label && l.Split('_').Any(words.Contains)).ToArray();
        return near.Length > 0 ? near : labels.Where(l => l != label).ToArray();
    }

    private static bool[] Correct(TextClassifier model, IReadOnlyList<LabelledText> test)
    {
        var predictions = model.PredictBatch(test.Select(t => t.Text));
        return test.Select((t, i) => predictions[i].Label == t.Label).ToArray();
    }

    private static double Share(bool[] correct) => correct.Count(c => c) / (double)correct.Length;

    private static string? SamplesFile(string name)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "samples", name))) return Path.Combine(dir.FullName, "samples", name);
        return null;
    }
}
