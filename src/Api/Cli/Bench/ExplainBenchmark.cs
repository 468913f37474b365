using System.Diagnostics;
using Analytics.Classification;
using static Analytics.Api.Cli.Bench.ModelsBenchmark;

namespace Analytics.Api.Cli.Bench;

/// <summary>What an explanation costs on the BANKING77 model (77 classes): the first builds the weight table, the rest reuse it.</summary>
internal static class ExplainBenchmark
{
    public static void Run(TextClassifier model, IReadOnlyList<string> texts)
    {
        var clock = Stopwatch.StartNew();
        model.Explain(texts[0]);
        Print("explain_first_ms", clock.Elapsed.TotalMilliseconds);
        var times = new List<double>(500);
        for (var i = 0; i < 500; i++)
        {
            var start = Stopwatch.GetTimestamp();
            model.Explain(texts[(i * 7) % texts.Count]);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        Print("explain_ms_median", Median(times));
    }
}
