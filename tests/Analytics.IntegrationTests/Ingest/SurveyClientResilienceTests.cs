using Analytics.Ingest.Sources;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.IntegrationTests.Ingest;

/// <summary>
/// The survey-tool client as the host registers it (standard resilience handler) against a real local server that
/// answers 503 twice before it answers: the pull retries and loads, without the job failing.
/// </summary>
public sealed class SurveyClientResilienceTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private WebApplication _tool = null!;
    private int _requests;
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _tool = builder.Build();
        var answered = new DateTime(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);
        _tool.MapGet("/api/responses", () => Interlocked.Increment(ref _requests) <= 2
            ? Results.StatusCode(503)
            : Results.Json(new
            {
                items = new[] { new SurveyApiSource.Item("R1", "nps", 9, null, answered, null, "C1", answered) },
                nextCursor = (string?)null,
            }));
        await _tool.StartAsync();
        var url = _tool.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _host = new ApiHost(_db, settings: new Dictionary<string, string?>
        {
            ["Ingest:SurveyApi:BaseUrl"] = url,
            // Short waits keep the test quick; the rest is the standard handler's defaults.
            ["Ingest:SurveyApi:Resilience:Retry:Delay"] = "00:00:00.050",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _tool.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task TwoFailuresAreRetriedAndThePullLoads()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var results = await scope.ServiceProvider.GetRequiredService<SurveyApiSource>().PullAsync(CancellationToken.None);
        Assert.Equal(3, _requests);
        Assert.Equal(1, results.Sum(r => r.Loaded));
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM survey_responses"));
    }
}
