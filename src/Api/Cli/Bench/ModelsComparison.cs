using System.Diagnostics;
using Analytics.Classification;

namespace Analytics.Api.Cli.Bench;

/// <summary>
/// The featurisation × trainer comparison behind the default model. Selection data only: BANKING77's train.csv
/// split 80/20 (stratified) and the Dutch sentences' training reviews split 80/20 by review, so the test sets the
/// benchmark reports stay unseen by the choice.
/// </summary>
internal static class ModelsComparison
{
    private static readonly Featurisation[] Featurisations =
    [
        Featurisation.Words,
        new(1, 0, false),
        Featurisation.Chars,
        new(0, 5, true),
        Featurisation.WordsAndChars,
        Featurisation.WordsAndCharsTfIdf,
        new(2, 5, true),
        new(3, 5, true),
    ];

    public static void Run(BenchData data, CancellationToken ct, TextClassifierOptions? single = null, string? only = null, bool lightGbm = true)
    {
        Console.WriteLine($"# load average (1 min) at start: {BenchData.LoadAverage()}, cores: {Environment.ProcessorCount}");
        var bankingAll = data.Banking77("train.csv");
        var (bTrain, bHold) = DataSplit.Stratified(bankingAll, t => t.Label, 0.2, seed: 11);
        var (dutchAll, _) = data.DutchSentimentSplit();
        var (dTrain, dHold) = DataSplit.ByGroup(dutchAll, r => r.Review, 0.2, seed: 11);
        var sets = new (string Name, List<LabelledText> Train, List<LabelledText> Hold)[]
        {
            ("banking77", bTrain, bHold),
            ("dutch_sentiment", dTrain.Select(r => r.Item).ToList(), dHold.Select(r => r.Item).ToList()),
        };

        Console.WriteLine("dataset,featurisation,trainer,l2,accuracy,macro_f1,train_seconds,load_avg");
        foreach (var (name, train, hold) in sets.Where(s => only is null || s.Name == only))
        {
            if (single is not null)
            {
                RunOne(name, train, hold, single);
                continue;
            }
            // Featurisations with the reference trainer, then every trainer with the best two featurisations.
            var results = new List<(Featurisation F, double Accuracy)>();
            foreach (var f in Featurisations)
            {
                ct.ThrowIfCancellationRequested();
                results.Add((f, RunOne(name, train, hold, new TextClassifierOptions { Featurisation = f })));
            }
            foreach (var f in results.OrderByDescending(r => r.Accuracy).Take(2).Select(r => r.F))
            {
                foreach (var trainer in Enum.GetValues<TrainerKind>().Where(t => t != new TextClassifierOptions().Trainer && (lightGbm || t != TrainerKind.LightGbm)))
                {
                    ct.ThrowIfCancellationRequested();
                    RunOne(name, train, hold, new TextClassifierOptions { Featurisation = f, Trainer = trainer });
                }
            }
            var best = results.MaxBy(r => r.Accuracy).F;
            foreach (var l2 in new float?[] { 1e-5f, 1e-3f })
                RunOne(name, train, hold, new TextClassifierOptions { Featurisation = best, L2 = l2 });
        }
    }

    private static double RunOne(string dataset, List<LabelledText> train, List<LabelledText> hold, TextClassifierOptions o)
    {
        var clock = Stopwatch.StartNew();
        var model = TextClassifier.Train(train, o);
        var seconds = clock.Elapsed.TotalSeconds;
        var predicted = model.PredictBatch(hold.Select(h => h.Text)).Select(p => p.Label).ToList();
        var eval = Evaluation.Compute(hold.Select(h => h.Label).ToList(), predicted);
        Console.WriteLine(string.Join(',', dataset, o.Featurisation.Name, o.Trainer, o.L2?.ToString("g", System.Globalization.CultureInfo.InvariantCulture) ?? "auto",
            BenchData.Invariant(eval.Accuracy), BenchData.Invariant(eval.MacroF1), seconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
            BenchData.LoadAverage()));
        return eval.Accuracy;
    }
}
