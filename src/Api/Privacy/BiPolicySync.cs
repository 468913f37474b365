using Npgsql;

namespace Analytics.Api.Privacy;

/// <summary>
/// At start, the BI views take this host's Privacy:MinimumAgents (a changed setting reaches them with the restart).
/// Best effort: a database not yet migrated or not yet up must not stop the API; `migrate` writes it too.
/// </summary>
internal sealed class BiPolicySync(Analytics.Privacy.PrivacySwitches switches, ILogger<BiPolicySync> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await switches.WriteBiPolicyAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            log.LogWarning("BI views keep their earlier small-team threshold: {Error}", e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
