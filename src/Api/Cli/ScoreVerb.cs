using Analytics.Classification;

namespace Analytics.Api.Cli;

internal sealed class ScoreVerb : ICliVerb
{
    public string Name => "score";
    public string Usage => "score                scores contacts that have no prediction yet with the active reason and sentiment models";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Prediction is single-threaded CPU work per model: both models at once use two cores (a scope each: a
        // DbContext is not shared between threads).
        var reasons = Task.Run(() => ScoreAsync(services, ModelKinds.Reasons, ct), ct);
        var sentiment = Task.Run(() => ScoreAsync(services, ModelKinds.Sentiment, ct), ct);
        await Task.WhenAll(reasons, sentiment);
        Console.WriteLine($"score: {reasons.Result} reason and {sentiment.Result} sentiment predictions written in " +
                          $"{clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static async Task<int> ScoreAsync(IServiceProvider services, string kind, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ModelRegistry>().ScoreContactsAsync(kind, ct: ct);
    }
}
