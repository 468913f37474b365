using System.Globalization;
using System.Text.Json;
using Analytics.Classification;
using Analytics.Data;
using CsvHelper;

namespace Analytics.Api.Cli;

// train-|evaluate-|predict- × reasons|sentiment: one implementation per action, the kind decides label reading.

internal sealed class TrainReasonsVerb() : TrainVerb(ModelKinds.Reasons);
internal sealed class TrainSentimentVerb() : TrainVerb(ModelKinds.Sentiment);
internal sealed class EvaluateReasonsVerb() : EvaluateVerb(ModelKinds.Reasons);
internal sealed class EvaluateSentimentVerb() : EvaluateVerb(ModelKinds.Sentiment);
internal sealed class PredictReasonsVerb() : PredictVerb(ModelKinds.Reasons);
internal sealed class PredictSentimentVerb() : PredictVerb(ModelKinds.Sentiment);

/// <summary>Turns data problems (missing column, empty file, a class with one example) into one clear line and exit code 1.</summary>
internal abstract class ModelVerb(string action, string kind) : ICliVerb
{
    protected string Kind { get; } = kind;
    public string Name => $"{action}-{Kind}";
    public abstract string Usage { get; }

    protected static string LabelArgs(string kind) =>
        kind == ModelKinds.Sentiment ? "(--label COL | --score COL --scale nps|ces|csat)" : "--label COL";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        try
        {
            return await RunCoreAsync(args, services, ct);
        }
        catch (Exception e) when (e is ClassifierDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            await Console.Error.WriteLineAsync($"{Name}: error: {e.Message}");
            return 1;
        }
    }

    protected abstract Task<int> RunCoreAsync(CliArgs args, IServiceProvider services, CancellationToken ct);

    protected static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}

internal abstract class TrainVerb(string kind) : ModelVerb("train", kind)
{
    public override string Usage =>
        $"{Name} --input FILE --text COL {LabelArgs(Kind)} --model DIR" +
        " | --from-db [--newest N] --model DIR" +
        "   [--featurisation word1-2+char1-4/tfidf] [--trainer LbfgsMaximumEntropy] [--budget 0.03] [--l2 0.001|auto]" +
        " [--noisy-labels drop:3:0.3|fix:3:0.3:0.8|weight:3:0.3, :x2 cleans twice]" +
        "  train a classifier, save model.zip + model.json";

    protected override async Task<int> RunCoreAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var dir = args.Require("model");
        var options = ModelVerbInput.Options(args);
        TextClassifier model;
        string registered = "";
        if (args.Has("from-db"))
        {
            await using var scope = services.CreateAsyncScope();
            var registry = new ModelRegistry(scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>(),
                scope.ServiceProvider.GetService<ILogger<ModelRegistry>>())
            {
                Options = options,
                NewestRows = args.Get("newest") is null ? null : args.GetInt("newest", 0) is > 0 and var n ? n
                    : throw new CliUsageException("--newest must be a number of rows above 0"),
            };
            var data = Kind == ModelKinds.Reasons ? await registry.ReasonTrainingDataAsync(ct) : await registry.SentimentTrainingDataAsync(ct);
            if (data.Count == 0)
                throw new ClassifierDataException(Kind == ModelKinds.Reasons ? "no contacts with both a reason and notes in the database" : "no survey comments in the database");
            var result = await registry.TrainAndRegisterAsync(Kind, data, ct);
            model = result.Classifier;
            var h = result.Holdout;
            registered = $"; registered v{result.Record.Version}, " + (h.Promoted ? "promoted" : "not promoted") +
                         $" (holdout macro-F1 {F(h.CandidateMacroF1)}" + (h.ActiveVersion is { } v ? $" vs v{v} {F(h.ActiveMacroF1 ?? 0)}" : ", no active model") + $", n={h.N})";
        }
        else
        {
            var data = ModelVerbInput.ReadLabelled(args, Name, Kind);
            model = await Task.Run(() => TextClassifier.Train(data, options, Kind), ct);
        }
        model.Save(dir);
        var c = model.Card;
        Console.WriteLine($"{Name}: {c.TrainingRows + c.ValidationRows} rows, {c.Labels.Count} classes, {c.Featurisation} + {c.Trainer}; " +
                          $"validation accuracy {F(c.Validation.Accuracy)}, macro-F1 {F(c.Validation.MacroF1)} (n={c.Validation.N}); " +
                          $"unknown below {F(c.Threshold)}; {c.TrainSeconds:0.0} s; saved {dir}{registered}");
        return 0;
    }
}

internal abstract class EvaluateVerb(string kind) : ModelVerb("evaluate", kind)
{
    public const string ConfusionFileName = "confusion.csv";

    public override string Usage =>
        $"{Name} --model DIR --input FILE --text COL {LabelArgs(Kind)}   print one JSON line of metrics; write DIR/{ConfusionFileName}";

    protected override Task<int> RunCoreAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var dir = args.Require("model");
        var model = TextClassifier.Load(dir);
        var data = ModelVerbInput.ReadLabelled(args, Name, Kind);
        var predictions = model.PredictBatch(data.Select(d => d.Text));
        var eval = Evaluation.Compute(data.Select(d => d.Label).ToList(), predictions.Select(p => p.Label).ToList());
        var confusionPath = Path.Combine(dir, ConfusionFileName);
        File.WriteAllText(confusionPath, eval.ConfusionCsv());
        var accepted = data.Zip(predictions).Where(x => !x.Second.IsUnknown).ToList();
        var unseen = data.Select(d => d.Label).Distinct(StringComparer.Ordinal).Except(model.Labels, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var line = new
        {
            accuracy = Math.Round(eval.Accuracy, 4),
            macro_f1 = Math.Round(eval.MacroF1, 4),
            n = eval.N,
            per_class = eval.PerClass.Select(m => new
            {
                label = m.Label,
                precision = Math.Round(m.Precision, 4),
                recall = Math.Round(m.Recall, 4),
                f1 = Math.Round(m.F1, 4),
                support = m.Support,
            }),
            unknown_rate = Math.Round(1 - accepted.Count / (double)data.Count, 4),
            accepted_accuracy = accepted.Count == 0 ? 0 : Math.Round(accepted.Count(x => x.First.Label == x.Second.Label) / (double)accepted.Count, 4),
            threshold = model.Card.Threshold,
            labels_not_in_model = unseen,
            confusion_matrix = confusionPath,
        };
        Console.WriteLine(JsonSerializer.Serialize(line));
        return Task.FromResult(0);
    }
}

internal abstract class PredictVerb(string kind) : ModelVerb("predict", kind)
{
    public override string Usage =>
        $"{Name} --model DIR --input FILE --text COL [--out FILE] [--explain]   write row,label,confidence,best_label,certainty as CSV " +
        $"(label is '{TextClassifier.UnknownLabel}' below the threshold); --explain adds runner_up,runner_up_confidence,for,against";

    protected override Task<int> RunCoreAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var model = TextClassifier.Load(args.Require("model"));
        var table = LabelledCsv.Read(args.Require("input"));
        var column = table.Column(args.Require("text"));
        // Every input row gets an output row, in order, even an empty text (it comes back unknown or low-confidence).
        var predictions = model.PredictBatch(table.Rows.Select(r => table.Value(r, column)));
        var explain = args.Has("explain");
        using var writer = args.Get("out") is { } path ? CsvWriter.ToFile(path) : CsvWriter.Create(Console.Out);
        writer.WriteHeader(explain
            ? ["row", "label", "confidence", "best_label", "certainty", "runner_up", "runner_up_confidence", "for", "against"]
            : ["row", "label", "confidence", "best_label", "certainty"]);
        for (var i = 0; i < predictions.Count; i++)
        {
            var p = predictions[i];
            writer.WriteField(i + 1);
            writer.WriteField(p.LabelOrUnknown);
            writer.WriteField(p.Confidence.ToString("0.0000", CultureInfo.InvariantCulture));
            writer.WriteField(p.Label);
            writer.WriteField(p.Certainty.ToString("0.0000", CultureInfo.InvariantCulture));
            if (explain)
            {
                var e = model.Explain(table.Value(table.Rows[i], column));
                writer.WriteField(e.RunnerUp);
                writer.WriteField(e.RunnerUpConfidence.ToString("0.0000", CultureInfo.InvariantCulture));
                writer.WriteField(Words(e.For));
                writer.WriteField(Words(e.Against));
            }
            writer.EndRecord();
        }
        writer.Flush();
        if (args.Get("out") is { } written)
            Console.Error.WriteLine($"{Name}: {predictions.Count} rows, {predictions.Count(p => p.IsUnknown)} unknown, written to {written}");
        return Task.FromResult(0);
    }

    // "modem:+1.23 rood:+0.80": one spreadsheet cell, strongest first.
    private static string Words(IEnumerable<WordWeight> words) =>
        string.Join(' ', words.Select(w => w.Word + ":" + w.Weight.ToString("+0.00;-0.00", CultureInfo.InvariantCulture)));
}
