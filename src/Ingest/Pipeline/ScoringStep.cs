using Analytics.Classification;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Ingest.Pipeline;

/// <summary>Scores new contacts with the active reason and sentiment models once their batch is in.</summary>
public sealed class ScoringStep(IServiceScopeFactory scopes) : IBatchStep
{
    public async Task RunAsync(long batchId, string kind, CancellationToken ct)
    {
        if (kind != "contacts") return;
        await using var scope = scopes.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<ModelRegistry>();
        await registry.ScoreContactsAsync(ModelKinds.Reasons, ct: ct);
        await registry.ScoreContactsAsync(ModelKinds.Sentiment, ct: ct);
    }
}
