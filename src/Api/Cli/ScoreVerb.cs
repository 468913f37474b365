using Analytics.Classification;

namespace Analytics.Api.Cli;

internal sealed class ScoreVerb : ICliVerb
{
    public string Name => "score";
    public string Usage => "score                scores contacts that have no prediction yet with the active reason and sentiment models";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<ModelRegistry>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var reasons = await registry.ScoreContactsAsync(ModelKinds.Reasons, ct: ct);
        var sentiment = await registry.ScoreContactsAsync(ModelKinds.Sentiment, ct: ct);
        Console.WriteLine($"score: {reasons} reason and {sentiment} sentiment predictions written in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }
}
