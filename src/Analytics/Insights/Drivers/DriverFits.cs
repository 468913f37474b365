using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.Insights.Behaviour;
using Analytics.Insights.Rollups;
using Analytics.Time;
using Npgsql;
using NpgsqlTypes;

namespace Analytics.Insights.Drivers;

/// <summary>
/// The driver reports of every calendar month and survey type, fitted during the rollup refresh and stored whole. A fit
/// needs every response's row (hundreds of thousands a month at 10M contacts), so it cannot be summed from daily parts;
/// fitting per month at refresh keeps the month's answer exact, and other periods are fitted from the rows on request.
/// </summary>
public sealed class DriverFits(BehaviourScorecard behaviour)
{
    // Odds intervals of a separated feature are infinite; they must survive the round trip.
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The stored report when the period is one whole calendar month and the rollups are fresh; otherwise null.</summary>
    public static async Task<DriverReport?> StoredAsync(NpgsqlDataSource db, Period period, string type, CancellationToken ct)
    {
        if (period.From.Day != 1 || period.To != period.From.AddMonths(1).AddDays(-1)) return null;
        if (!await AggregateFreshness.IsFreshAsync(db, InsightRollups.Name, ct)) return null;
        await using var cmd = db.CreateCommand("SELECT report FROM driver_fits WHERE month = @month AND type = @type");
        cmd.Parameters.AddWithValue("month", period.From);
        cmd.Parameters.AddWithValue("type", type);
        return await cmd.ExecuteScalarAsync(ct) is string json ? JsonSerializer.Deserialize<DriverReport>(json, Json) : null;
    }

    private sealed record Response(long Id, long ContactId, string Type, int Score, DateOnly Month);

    /// <summary>Fits and stores every month's reports, inside the rollup refresh's transaction, from the contacts it read.</summary>
    internal async Task WriteAsync(NpgsqlConnection conn, RollupContact[] contacts, int count, CustomerOrder order, CancellationToken ct)
    {
        var reasons = new Dictionary<int, string>();
        await using (var cmd = new NpgsqlCommand("SELECT id, code FROM contact_reasons", conn))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) reasons[r.GetInt32(0)] = r.GetString(1);

        var responses = new List<Response>();
        await using (var cmd = new NpgsqlCommand("""
                         SELECT id, contact_id, type, score, date_trunc('month', responded_utc AT TIME ZONE 'Europe/Amsterdam')::date
                         FROM survey_responses WHERE contact_id IS NOT NULL
                         """, conn) { CommandTimeout = 0 })
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                responses.Add(new Response(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt32(3), r.GetFieldValue<DateOnly>(4)));
        if (responses.Count == 0) return;

        // Contacts by id, to find each response's contact; a response whose contact is gone has no row, as with the join.
        var ids = new long[count];
        var index = new int[count];
        for (var i = 0; i < count; i++) (ids[i], index[i]) = (contacts[i].Id, i);
        Array.Sort(ids, index);

        var months = responses.Select(x => x.Month).Distinct().Order().ToList();
        var behaviours = await behaviour.ForSurveyedContactsAsync(new Period(months[0], months[^1].AddMonths(1).AddDays(-1)), ct);
        var groups = responses
            .Select(x => (x, At: Array.BinarySearch(ids, x.ContactId)))
            .Where(x => x.At >= 0)
            .GroupBy(x => (x.x.Month, x.x.Type))
            .ToList();
        var reports = new DriverReport[groups.Count];
        Parallel.For(0, groups.Count, new ParallelOptions { CancellationToken = ct }, g =>
        {
            var (month, type) = groups[g].Key;
            var period = new Period(month, month.AddMonths(1).AddDays(-1));
            var bad = DriverAnalysis.BadScore(type);
            // The raw query counts earlier contacts only among those started from 90 days before the month to its end.
            long windowFrom = period.FromUtc.AddDays(-60 - DriverAnalysis.DefaultLookbackDays).Ticks, windowTo = period.ToUtcExclusive.Ticks;
            var rows = groups[g]
                .OrderBy(x => x.x.ContactId).ThenBy(x => x.x.Id)
                .Select(x =>
                {
                    ref var c = ref contacts[index[x.At]];
                    var prior = PriorContacts(contacts, order, index[x.At], windowFrom, windowTo);
                    return new DriverAnalysis.Row(c.Id, x.x.Score <= bad, c.Reason == 0 ? null : reasons[c.Reason], prior,
                        c.Wait / 60.0, c.Handle / 60.0, c.Transfers);
                })
                .ToList();
            reports[g] = DriverAnalysis.Analyse(period, type, rows, behaviours, DriverAnalysis.DefaultMinimumPerReason, DriverAnalysis.DefaultLookbackDays);
        });

        using var w = conn.BeginBinaryImport("COPY driver_fits (month, type, report) FROM STDIN (FORMAT BINARY)");
        for (var g = 0; g < groups.Count; g++)
        {
            w.StartRow();
            w.Write(groups[g].Key.Month, NpgsqlDbType.Date);
            w.Write(groups[g].Key.Type, NpgsqlDbType.Text);
            w.Write(JsonSerializer.Serialize(reports[g], Json), NpgsqlDbType.Jsonb);
        }
        w.Complete();
    }

    /// <summary>
    /// The raw query's count of the customer's other contacts started in the 30 days up to this one (same start time
    /// included), counting only contacts started in [<paramref name="windowFrom"/>, <paramref name="windowTo"/>); 0 for a
    /// contact outside that window, without a customer, or a phantom call.
    /// </summary>
    private static int PriorContacts(RollupContact[] contacts, CustomerOrder order, int i, long windowFrom, long windowTo)
    {
        ref var c = ref contacts[i];
        if (c.Customer == 0 || c.Kind == ContactKind.Phantom || c.StartedTicks < windowFrom || c.StartedTicks >= windowTo) return 0;
        var from = Math.Max(c.LookbackFromTicks, windowFrom);
        var n = 0;
        for (var k = order.GroupStart[i]; k < order.GroupEnd[i]; k++)
        {
            var started = contacts[order.Members[k]].StartedTicks;
            if (started >= from && started <= c.StartedTicks) n++;
        }
        return n - 1;
    }
}
