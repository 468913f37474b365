using System.Diagnostics;
using System.Globalization;
using Analytics.Ingest.Redaction;

namespace Analytics.Api.Cli.Bench;

/// <summary>
/// `./analytics bench redaction`: throughput of <see cref="Redactor"/> over synthetic notes (median of several runs,
/// one thread and all cores) and its entity-level precision/recall on the labelled redaction set.
/// </summary>
internal sealed class RedactionBenchmark : IBenchmark
{
    private const string SetPath = "tests/Analytics.Tests/Redaction/redaction-set.tsv";

    public string Name => "redaction";
    public string Usage => "redaction [--rows 1000000] [--runs 5] [--pii 0.03] [--set PATH]";

    public Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var rows = args.GetInt("rows", 1_000_000);
        var runs = args.GetInt("runs", 5);
        var piiShare = args.Get("pii") is { } p ? double.Parse(p, CultureInfo.InvariantCulture) : 0.03;
        if (rows <= 0 || runs <= 0) throw new CliUsageException("--rows and --runs must be positive");

        var notes = new RedactionNotes(seed: 20260315).Generate(rows, piiShare);
        var texts = notes.Select(n => n.Text).ToArray();
        Console.WriteLine(FormattableString.Invariant(
            $"redaction: {rows:N0} notes, {notes.Count(n => n.HasPii):N0} with personal data, mean length {texts.Average(t => t.Length):F0} chars"));

        // The labelled set's agents make the name matching do the work an ingest batch's redactor does.
        var set = args.Get("set") ?? FindUp(SetPath);
        var hasSet = set is not null && File.Exists(set);
        var redactor = hasSet ? Redactor.ForAgents(RedactionEvaluation.LoadAgents(set!)) : Redactor.Default;
        var single = new List<double>();
        var parallel = new List<double>();
        RedactionCounts? counts = null;
        for (var run = 0; run < runs; run++)
        {
            ct.ThrowIfCancellationRequested();
            single.Add(Measure(() => counts = RedactSingle(redactor, texts), rows));
            parallel.Add(Measure(() => RedactParallel(redactor, texts), rows));
        }
        Console.WriteLine(FormattableString.Invariant(
            $"redaction: median {Median(single):N0} texts/s on 1 thread, {Median(parallel):N0} texts/s on {Environment.ProcessorCount} threads ({runs} runs)"));
        Console.WriteLine($"redaction: counts per run {counts}");
        // Wall-clock figures: on a shared machine they say as much about the neighbours as about the code.
        if (File.Exists("/proc/loadavg"))
            Console.WriteLine($"redaction: load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");

        // Template notes know whether they carry personal data: a cheap, independent check of both error kinds.
        var changedClean = 0;
        var untouchedPii = 0;
        var scratch = new RedactionCounts();
        foreach (var (text, hasPii) in notes)
        {
            var same = ReferenceEquals(redactor.Redact(text, scratch), text);
            if (!hasPii && !same) changedClean++;
            if (hasPii && same) untouchedPii++;
        }
        Console.WriteLine(FormattableString.Invariant(
            $"redaction: synthetic notes: {changedClean:N0} clean notes changed, {untouchedPii:N0} notes with personal data left unchanged"));

        if (!hasSet)
        {
            Console.WriteLine($"redaction: labelled set not found ({SetPath}); pass --set PATH");
            return Task.FromResult(0);
        }
        var score = RedactionEvaluation.Score(RedactionEvaluation.LoadTsv(set!), redactor);
        Console.WriteLine($"redaction: labelled set {Path.GetFullPath(set!)}");
        Console.WriteLine(score.Describe());
        return Task.FromResult(0);
    }

    private static RedactionCounts RedactSingle(Redactor redactor, string[] texts)
    {
        var counts = new RedactionCounts();
        foreach (var t in texts) redactor.Redact(t, counts);
        return counts;
    }

    private static RedactionCounts RedactParallel(Redactor redactor, string[] texts)
    {
        var total = new RedactionCounts();
        var gate = new Lock();
        // One counts object per worker, merged at the end, as an ingest batch would do.
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, texts.Length, 16_384), () => new RedactionCounts(),
            (range, _, counts) =>
            {
                for (var i = range.Item1; i < range.Item2; i++) redactor.Redact(texts[i], counts);
                return counts;
            },
            counts =>
            {
                lock (gate) total.Add(counts);
            });
        return total;
    }

    private static double Measure(Action action, int rows)
    {
        var sw = Stopwatch.StartNew();
        action();
        return rows / sw.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string? FindUp(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
