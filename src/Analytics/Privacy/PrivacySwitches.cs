using Npgsql;

namespace Analytics.Privacy;

/// <summary>A switch the agreement with the works council decides; a row exists once an admin has set it.</summary>
public sealed class PrivacySwitch
{
    public required string Name { get; set; }
    public bool Enabled { get; set; }
    public DateTime UpdatedUtc { get; set; }
}

/// <summary><c>Privacy:Switches:*</c>: each switch's value until an admin sets it (all on by default).</summary>
public sealed class PrivacySwitchOptions
{
    public bool Ranking { get; set; } = true;
    public bool GamingSignals { get; set; } = true;
    public bool TranscriptsForQualityManagers { get; set; } = true;
}

/// <summary>
/// The switches' current values, as every route and report reads them, with the minimum group sizes
/// (<c>Privacy:MinimumAgents</c>, <c>Privacy:MinimumResponses</c>) that hold for roles without agent-level access.
/// </summary>
public sealed record SwitchValues(bool Ranking, bool GamingSignals, bool TranscriptsForQualityManagers, int MinimumAgents,
    int MinimumResponses)
{
    public bool this[string name] => name switch
    {
        PrivacySwitches.Ranking => Ranking,
        PrivacySwitches.GamingSignals => GamingSignals,
        PrivacySwitches.TranscriptsForQualityManagers => TranscriptsForQualityManagers,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such switch"),
    };
}

/// <summary>
/// The switches: configuration (<c>Privacy:Switches:*</c>) gives each its value until an admin sets it through the API;
/// from then on the table decides, so every process and every report agrees on one value.
/// </summary>
public sealed class PrivacySwitches(NpgsqlDataSource db, PrivacySwitchOptions defaults, int minimumAgents, int minimumResponses)
{
    public const string Ranking = "ranking";
    public const string GamingSignals = "gaming-signals";
    public const string TranscriptsForQualityManagers = "transcripts-for-quality-managers";

    /// <summary>Name, configuration key and what switching it off removes (for the API, the reports and docs/privacy.md).</summary>
    public static readonly IReadOnlyList<(string Name, string Setting, string Off, string OffNl)> All =
    [
        (Ranking, "Privacy:Switches:Ranking",
            "agents get scores and tiers but no rank positions (ranking route, scorecards, quality report)",
            "medewerkers krijgen scores en niveaus maar geen rangnummers (ranglijst, scorecards, kwaliteitsrapport)"),
        (GamingSignals, "Privacy:Switches:GamingSignals",
            "no survey-gaming signals (they name individuals; AVG art. 22): the route answers 403",
            "geen signalen van enquêtebeïnvloeding (die noemen personen; AVG art. 22): de route antwoordt 403"),
        (TranscriptsForQualityManagers, "Privacy:Switches:TranscriptsForQualityManagers",
            "quality managers see contacts without transcripts; team leads still see their own teams'",
            "kwaliteitsmanagers zien contacten zonder transcript; teamleiders zien die van hun eigen teams wel"),
    ];

    public SwitchValues Defaults() => new(defaults.Ranking, defaults.GamingSignals, defaults.TranscriptsForQualityManagers,
        minimumAgents, minimumResponses);

    public async Task<SwitchValues> CurrentAsync(CancellationToken ct)
    {
        var set = new Dictionary<string, bool>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand("SELECT name, enabled FROM privacy_switches"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) set[r.GetString(0)] = r.GetBoolean(1);
        var d = Defaults();
        bool Value(string name) => set.TryGetValue(name, out var v) ? v : d[name];
        return d with
        {
            Ranking = Value(Ranking), GamingSignals = Value(GamingSignals),
            TranscriptsForQualityManagers = Value(TranscriptsForQualityManagers),
        };
    }

    /// <summary>Sets a switch; returns its value before.</summary>
    public async Task<bool> SetAsync(string name, bool enabled, DateTime nowUtc, CancellationToken ct)
    {
        var before = (await CurrentAsync(ct))[name];
        await using var cmd = db.CreateCommand("""
            INSERT INTO privacy_switches (name, enabled, updated_utc) VALUES (@name, @enabled, @now)
            ON CONFLICT (name) DO UPDATE SET enabled = excluded.enabled, updated_utc = excluded.updated_utc
            """);
        cmd.Parameters.AddWithValue("name", name);
        cmd.Parameters.AddWithValue("enabled", enabled);
        cmd.Parameters.AddWithValue("now", nowUtc);
        await cmd.ExecuteNonQueryAsync(ct);
        return before;
    }

    /// <summary>
    /// Hands <c>Privacy:MinimumAgents</c> to the BI views (they name a team only in months it had that many agents), so a
    /// BI login and the API leave out the same small teams. Run by `migrate` and at host start, after a setting changed.
    /// </summary>
    public async Task WriteBiPolicyAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("UPDATE bi_policy SET minimum_agents = @k WHERE minimum_agents <> @k");
        cmd.Parameters.AddWithValue("k", minimumAgents);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
