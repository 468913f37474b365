using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Analytics.Api.Models;
using Analytics.Classification;
using Analytics.IntegrationTests.Infrastructure;
using Analytics.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Analytics.IntegrationTests.Health;

/// <summary>
/// An active reasons model whose card says 3% unknown and 90% accepted accuracy on 1,000 validation contacts, and a
/// planted week of 100 scored contacts (2026-05-04). The daily watch must store its alerts, mail the model alert
/// recipients once per change (never when nothing changed), show the state in the health endpoint and /health/ready,
/// and keep the state when the mail cannot go.
/// </summary>
public sealed class ModelAlertTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private readonly SmtpSink _smtp = new();
    private ApiHost _host = null!;
    private int _modelId;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _host = new ApiHost(_db, settings: new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = _smtp.Port.ToString(), ["Smtp:Security"] = "None",
            ["Feeds:AlertRecipients:0"] = "ops@example.nl", ["Models:AlertRecipients:0"] = "models@example.nl",
        });
        await using var db = _db.NewDbContext();
        var card = new ModelCard
        {
            Kind = ModelKinds.Reasons, Labels = ["STO-INT", "FAC-ONDUID"], Threshold = 0.5f, Temperature = 1,
            Featurisation = "planted", Trainer = "planted", DataHash = "planted", TrainingRows = 4000,
            ValidationRows = 1000, ReviewBudget = 0.03, Seed = 1, TrainSeconds = 1,
            TrainedUtc = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc),
            Validation = new CardMetrics(0.873, 0.87, 1000, 0.02, 0.03, 0.9),
        };
        var model = new ModelRecord
        {
            Kind = ModelKinds.Reasons, Version = 1, TrainedUtc = card.TrainedUtc, DataHash = "planted", Artifact = [],
            Active = true,
            MetricsJson = JsonSerializer.Serialize(new RegistryMetrics(card,
                new HoldoutComparison(200, 0.87, 0.87, null, null, null, true)), ModelCard.Json),
        };
        db.Models.Add(model);
        await db.SaveChangesAsync();
        _modelId = model.Id;
        // 100 contacts on the Tuesday of the week of 4 May; the model sent the first `unknown` of them to review.
        await _db.ExecAsync($"""
            INSERT INTO contacts (source, source_id, channel, started_utc, wait_seconds, talk_seconds, hold_seconds,
                                  acw_seconds, transfers, content_hash, notes)
            SELECT 'planted', 'P' || i, 'phone', timestamptz '2026-05-05 10:00+02' + i * interval '1 minute',
                   0, 0, 0, 0, 0, 0, 'modem knippert rood'
            FROM generate_series(1, 100) i;
            INSERT INTO predictions (contact_id, model_id, kind, label, confidence, created_utc)
            SELECT id, {_modelId}, 'reasons', 'STO-INT', 0.9, now() FROM contacts WHERE source = 'planted';
            """);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
        await _db.DisposeAsync();
    }

    /// <summary>The first <paramref name="n"/> planted contacts are `unknown`, the rest STO-INT.</summary>
    private Task UnknownAsync(int n) => _db.ExecAsync($"""
        UPDATE predictions p SET label = CASE WHEN c.source_id::text IN (SELECT 'P' || i FROM generate_series(1, {n}) i)
                                             THEN 'unknown' ELSE 'STO-INT' END
        FROM contacts c WHERE c.id = p.contact_id AND p.model_id = {_modelId}
        """);

    private async Task<IReadOnlyList<ModelHealthChange>> WatchAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ModelHealthJobs>().WatchAsync(CancellationToken.None);
    }

    private async Task<ModelHealthState> StateAsync()
    {
        await using var db = _db.NewDbContext();
        return await db.Set<ModelHealthState>().AsNoTracking().SingleAsync(s => s.ModelId == _modelId);
    }

    private async Task<string> ReadyModelsCheckAsync()
    {
        using var anonymous = _host.CreateClient();
        var body = await anonymous.GetStringAsync("/health/ready");
        return JsonDocument.Parse(body).RootElement.GetProperty("checks").GetProperty("models").GetString()!;
    }

    private async Task<JsonElement> HealthAsync()
    {
        using var admin = await _host.ClientAsync();
        return await admin.GetFromJsonAsync<JsonElement>($"/api/v1/models/{_modelId}/health");
    }

    private MimeMessage Mail(int i)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(_smtp.Messages[i].Data));
        return MimeMessage.Load(stream);
    }

    [Fact]
    public async Task AnUnknownShareThatJumpsIsMailedOnceAndItsRecoveryOnce()
    {
        await UnknownAsync(3);
        Assert.Empty(await WatchAsync());
        Assert.Empty(_smtp.Messages);
        Assert.Empty((await StateAsync()).Alerts);
        Assert.Equal("Healthy", await ReadyModelsCheckAsync());

        // 40 of 100 to review against 3% on validation.
        await UnknownAsync(40);
        var change = Assert.Single(await WatchAsync());
        Assert.Equal(["unknown-share:2026-05-04"], change.Raised);
        var state = await StateAsync();
        Assert.Equal(["unknown-share:2026-05-04"], state.Alerts);
        Assert.NotNull(state.AlertingSinceUtc);
        Assert.Equal(["models@example.nl"], Assert.Single(_smtp.Messages).To);
        var mail = Mail(0);
        Assert.Equal($"Analytics: reasons model v1 (#{_modelId}): alert on unknown share (week of 2026-05-04)",
            mail.Subject);
        var body = mail.TextBody;
        Assert.Contains("New alert, unknown share: week of 2026-05-04 (n=100): unknown share 40% (", body);
        Assert.Contains("against 3% on validation (p<0.0001)", body);
        Assert.Contains("Before: no alert (checked ", body);
        Assert.Contains($"GET /api/v1/models/{_modelId}/health", body);
        Assert.Equal("Degraded", await ReadyModelsCheckAsync());
        var health = await HealthAsync();
        Assert.Equal(state.AlertingSinceUtc!.Value, health.GetProperty("alertingSince").GetDateTime().ToUniversalTime(),
            TimeSpan.FromMilliseconds(1));
        Assert.True(health.GetProperty("weeks")[0].GetProperty("unknownShareAlert").GetBoolean());

        // Nothing changed: no mail, the state's since stays.
        Assert.Empty(await WatchAsync());
        Assert.Single(_smtp.Messages);
        Assert.Equal(state.AlertingSinceUtc, (await StateAsync()).AlertingSinceUtc);

        // Back to 4 of 100: the alert clears, and that is mailed once too.
        await UnknownAsync(4);
        Assert.Equal(["unknown-share:2026-05-04"], Assert.Single(await WatchAsync()).Cleared);
        Assert.Equal(2, _smtp.Messages.Count);
        var recovered = Mail(1);
        Assert.Equal($"Analytics: reasons model v1 (#{_modelId}): recovered: unknown share (week of 2026-05-04)",
            recovered.Subject);
        Assert.Contains("Recovered, unknown share: week of 2026-05-04 (n=100): unknown share 4% (", recovered.TextBody);
        Assert.Contains("no longer significant", recovered.TextBody);
        Assert.Contains(
            $"Before: in alert since {state.AlertingSinceUtc:yyyy-MM-dd HH:mm} UTC on unknown-share:2026-05-04",
            recovered.TextBody);
        Assert.Contains("Now: no alert.", recovered.TextBody);
        Assert.Empty((await StateAsync()).Alerts);
        Assert.Null((await StateAsync()).AlertingSinceUtc);
        Assert.Equal("Healthy", await ReadyModelsCheckAsync());
        Assert.Equal(JsonValueKind.Null, (await HealthAsync()).GetProperty("alertingSince").ValueKind);
        Assert.Empty(await WatchAsync());
        Assert.Equal(2, _smtp.Messages.Count);
    }

    [Fact]
    public async Task AReviewSampleAlertIsStoredAndCountedWhenTheMailCannotGo()
    {
        await UnknownAsync(3);
        // May's review sample: 40 of the accepted contacts labelled, the model right on 20 (50% against 90%).
        await _db.ExecAsync("""
            INSERT INTO review_items (kind, month, contact_id, drawn_utc, label, labelled_utc)
            SELECT 'reasons', date '2026-05-01', id, now(),
                   CASE WHEN n % 2 = 0 THEN 'STO-INT' ELSE 'FAC-ONDUID' END, now()
            FROM (SELECT id, row_number() OVER (ORDER BY id) n
                  FROM contacts WHERE source = 'planted' ORDER BY id OFFSET 10) c
            WHERE n <= 40
            """);
        await _smtp.DisposeAsync(); // nothing listens on the port any more
        long failures = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Analytics.Telemetry.AnalyticsTelemetry.MeterName
                && instrument.Name == "analytics.jobs.failures")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "job", Value: "model-alert-mail" }) Interlocked.Add(ref failures, value);
        });
        listener.Start();

        var change = Assert.Single(await WatchAsync());
        Assert.Equal(["live-accuracy:2026-05"], change.Raised);
        var finding = Assert.Single(change.Findings, f => f.Code == "live-accuracy:2026-05");
        Assert.Equal(("live accuracy", true), (finding.Measure, finding.Alert));
        Assert.StartsWith("2026-05: live accuracy 50% (", finding.Text);
        Assert.Equal(["live-accuracy:2026-05"], (await StateAsync()).Alerts);
        Assert.Equal(1, Interlocked.Read(ref failures));
        Assert.Empty(_smtp.Messages);
        Assert.Equal("Degraded", await ReadyModelsCheckAsync());

        // The failed mail is not repeated: the state it was about is already stored.
        Assert.Empty(await WatchAsync());
        Assert.Equal(1, Interlocked.Read(ref failures));
    }
}
