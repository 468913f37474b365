using Analytics.Classification;
using Analytics.Contacts;
using Analytics.Data;
using Analytics.Reasons;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Analytics.IntegrationTests.Classification;

/// <summary>
/// The model registry against a real PostgreSQL: its own database (t_models_…) on the server that
/// ANALYTICS_TEST_DB points at, migrated, seeded with coded contacts, dropped afterwards.
/// </summary>
public sealed class ModelRegistryTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string[]> Notes = new()
    {
        ["factuur"] = ["vraag over de factuur", "factuur klopt niet", "bedrag op de rekening te hoog", "dubbel gefactureerd", "uitleg over de kosten op de nota"],
        ["verhuizing"] = ["klant gaat verhuizen", "nieuw adres doorgegeven", "adreswijziging per volgende maand", "aansluiting meenemen naar nieuw huis", "postadres aanpassen"],
        ["opzeggen"] = ["abonnement opzeggen", "contract beëindigen", "opzegging per einde looptijd", "wil stoppen met het abonnement", "vraagt naar de opzegtermijn"],
        ["storing"] = ["internet werkt niet", "geen verbinding sinds vanochtend", "modem knippert rood", "tv beeld valt steeds weg", "wifi is erg traag"],
    };
    private static readonly string[] Extras = ["", " klant belt terug", " opgelost", " doorgezet naar 2e lijn", " via chat", " sinds 3 dagen"];

    private string _database = "";
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        var admin = Environment.GetEnvironmentVariable("ANALYTICS_TEST_DB")
                    ?? throw new InvalidOperationException("ANALYTICS_TEST_DB is not set: run the tests with ./analytics test");
        _database = "t_models_" + Guid.NewGuid().ToString("N")[..12];
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {_database}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        _connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _database }.ConnectionString;
        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable("ANALYTICS_TEST_DB"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private AnalyticsDbContext NewContext() =>
        new((DbContextOptions<AnalyticsDbContext>)AnalyticsDbContext.Configure(new DbContextOptionsBuilder<AnalyticsDbContext>(), _connectionString).Options);

    private async Task SeedAsync(int perReason, int withoutReason)
    {
        await using var db = NewContext();
        var reasons = Notes.Keys.Select(code => new ContactReason { Code = code, NameNl = code, NameEn = code, Department = "operations" }).ToList();
        db.Reasons.AddRange(reasons);
        await db.SaveChangesAsync();
        var rng = new Random(1);
        var n = 0;
        foreach (var reason in reasons)
            for (var i = 0; i < perReason; i++)
                db.Contacts.Add(NewContact(++n, reason.Id, Notes[reason.Code][rng.Next(5)] + Extras[rng.Next(Extras.Length)]));
        for (var i = 0; i < withoutReason; i++)
            db.Contacts.Add(NewContact(++n, null, "internet werkt niet meer"));
        db.Contacts.Add(NewContact(++n, reasons[0].Id, "   ")); // blank notes: neither trained on nor scored
        await db.SaveChangesAsync();
    }

    private static Contact NewContact(int n, int? reasonId, string notes) => new()
    {
        Source = "test", SourceId = n.ToString(System.Globalization.CultureInfo.InvariantCulture), Channel = Channels.Phone,
        StartedUtc = new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc).AddMinutes(n), ReasonId = reasonId, Notes = notes,
    };

    private static ModelRegistry Registry(AnalyticsDbContext db) =>
        new(db) { Options = new TextClassifierOptions { ValidationFraction = 0.2 } };

    // A bag of single letters under heavy regularisation: far below the default on these notes.
    private static ModelRegistry WeakRegistry(AnalyticsDbContext db) =>
        new(db) { Options = new TextClassifierOptions { ValidationFraction = 0.2, Featurisation = new Featurisation(0, 1, false), L2 = 5f } };

    [Fact]
    public async Task ANewModelIsPromotedOnlyWhenItBeatsTheActiveOneOnTheSameHoldout()
    {
        await SeedAsync(perReason: 60, withoutReason: 0);
        await using var db = NewContext();
        var data = await Registry(db).ReasonTrainingDataAsync(CancellationToken.None);
        Assert.Equal(240, data.Count);

        // v1: a deliberately weak model (very strong regularisation); nothing is active yet, so it is promoted.
        var weak = await WeakRegistry(db).TrainAndRegisterAsync(ModelKinds.Reasons, data, CancellationToken.None);
        Assert.True(weak.Promoted);
        Assert.Equal(1, weak.Record.Version);

        // v2: the default model beats it on the same held-out rows.
        var good = await Registry(db).TrainAndMaybePromoteAsync(ModelKinds.Reasons, data, CancellationToken.None);
        Assert.NotNull(good);
        Assert.Equal(2, good.Version);

        // v3: weak again: registered for the record, not promoted.
        var again = await WeakRegistry(db).TrainAndRegisterAsync(ModelKinds.Reasons, data, CancellationToken.None);
        Assert.False(again.Promoted);
        Assert.Equal(3, again.Record.Version);
        Assert.Equal(2, again.Holdout.ActiveVersion);
        Assert.True(again.Holdout.CandidateMacroF1 < again.Holdout.ActiveMacroF1);

        // v4: the same model as the active one ties, and a tie keeps the incumbent.
        Assert.Null(await Registry(db).TrainAndMaybePromoteAsync(ModelKinds.Reasons, data, CancellationToken.None));

        await using var check = NewContext();
        var rows = await check.Models.OrderBy(m => m.Version).ToListAsync();
        Assert.Equal([1, 2, 3, 4], rows.Select(m => m.Version));
        Assert.Equal([false, true, false, false], rows.Select(m => m.Active));
        Assert.All(rows, m => Assert.Equal(TextClassifier.DataHash(data), m.DataHash));
        Assert.All(rows, m => Assert.Equal(ModelKinds.Reasons, m.Kind));
        var active = ModelRegistry.FromRecord(rows[1]);
        Assert.Equal(["factuur", "opzeggen", "storing", "verhuizing"], active.Labels);
        Assert.Equal("storing", active.Predict("modem knippert rood, geen internet").Label);
    }

    [Fact]
    public async Task ScoringWritesOnePredictionPerContactWithNotesAndIsIdempotent()
    {
        await SeedAsync(perReason: 30, withoutReason: 7);
        await using var db = NewContext();
        Assert.Equal(0, await Registry(db).ScoreContactsAsync(ct: CancellationToken.None)); // no active model yet
        var data = await Registry(db).ReasonTrainingDataAsync(CancellationToken.None);
        var model = await Registry(db).TrainAndMaybePromoteAsync(ModelKinds.Reasons, data, CancellationToken.None);
        Assert.NotNull(model);

        Assert.Equal(127, await Registry(db).ScoreContactsAsync(batchSize: 50, ct: CancellationToken.None));
        Assert.Equal(0, await Registry(db).ScoreContactsAsync(batchSize: 50, ct: CancellationToken.None));

        await using var check = NewContext();
        var predictions = await check.Predictions.ToListAsync();
        Assert.Equal(127, predictions.Count);
        Assert.All(predictions, p => Assert.Equal(model.Id, p.ModelId));
        Assert.All(predictions, p => Assert.Contains(p.Label, new[] { "factuur", "opzeggen", "storing", "verhuizing", TextClassifier.UnknownLabel }));
        var noReason = await check.Contacts.Where(c => c.ReasonId == null).Select(c => c.Id).ToListAsync();
        Assert.All(predictions.Where(p => noReason.Contains(p.ContactId!.Value)), p => Assert.Equal("storing", p.Label));
    }
}
