using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.Insights.Behaviour;
using Analytics.Insights.Rollups;
using Analytics.Surveys;
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

    private static readonly string[] Types = [SurveyTypes.Nps, SurveyTypes.Ces, SurveyTypes.Csat];

    /// <summary>Fits and stores every month's reports, inside the rollup refresh's transaction, from what it read.</summary>
    internal async Task WriteAsync(NpgsqlConnection conn, RollupContact[] contacts, CustomerOrder order, RollupSurvey[] surveys,
        int surveyCount, int[] contactOf, CancellationToken ct)
    {
        var reasons = new Dictionary<int, string>();
        await using (var cmd = new NpgsqlCommand("SELECT id, code FROM contact_reasons", conn))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) reasons[r.GetInt32(0)] = r.GetString(1);

        // A response whose contact is gone has no row, as with the raw query's join.
        var groups = new Dictionary<(int Month, byte Type), List<int>>();
        for (var i = 0; i < surveyCount; i++)
        {
            if (contactOf[i] < 0) continue;
            var key = (MonthStart(surveys[i].Day), surveys[i].Type);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(i);
        }
        if (groups.Count == 0) return;
        var months = groups.Keys.Select(k => k.Month).Distinct().Order().ToList();
        var behaviours = await behaviour.ForSurveyedContactsAsync(
            new Period(DateOnly.FromDayNumber(months[0]), DateOnly.FromDayNumber(months[^1]).AddMonths(1).AddDays(-1)), ct);

        var stored = new Dictionary<(int Month, string Type), long>();
        await using (var cmd = new NpgsqlCommand("SELECT month, type, inputs FROM driver_fits", conn))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) stored[(r.GetFieldValue<DateOnly>(0).DayNumber, r.GetString(1))] = r.GetInt64(2);

        var keys = groups.Keys.ToList();
        var reports = new DriverReport?[keys.Count];
        var inputs = new long[keys.Count];
        Parallel.For(0, keys.Count, new ParallelOptions { CancellationToken = ct }, g =>
        {
            var (month, typeIndex) = keys[g];
            var type = Types[typeIndex];
            var first = DateOnly.FromDayNumber(month);
            var period = new Period(first, first.AddMonths(1).AddDays(-1));
            var bad = DriverAnalysis.BadScore(type);
            // The raw query counts earlier contacts only among those started from 90 days before the month to its end.
            long windowFrom = period.FromUtc.AddDays(-60 - DriverAnalysis.DefaultLookbackDays).Ticks, windowTo = period.ToUtcExclusive.Ticks;
            var members = groups[keys[g]];
            // The raw query orders by contact, then response: the fit sums in that order.
            members.Sort((x, y) => surveys[x].ContactId != surveys[y].ContactId
                ? surveys[x].ContactId.CompareTo(surveys[y].ContactId) : surveys[x].Id.CompareTo(surveys[y].Id));
            var rows = new List<DriverAnalysis.Row>(members.Count);
            foreach (var i in members)
            {
                ref var c = ref contacts[contactOf[i]];
                rows.Add(new DriverAnalysis.Row(c.Id, surveys[i].Score <= bad, c.Reason == 0 ? null : reasons[c.Reason],
                    PriorContacts(contacts, order, contactOf[i], windowFrom, windowTo), c.Wait / 60.0, c.Handle / 60.0, c.Transfers));
            }
            inputs[g] = InputHash(month, type, rows, behaviours);
            // Most batches touch the latest weeks only: a month whose every input row is unchanged keeps its report.
            if (stored.TryGetValue((month, type), out var before) && before == inputs[g]) return;
            reports[g] = DriverAnalysis.Analyse(period, type, rows, behaviours, DriverAnalysis.DefaultMinimumPerReason, DriverAnalysis.DefaultLookbackDays);
        });

        var current = keys.Select(k => (k.Month, Types[k.Type])).ToHashSet();
        await using (var drop = new NpgsqlCommand("DELETE FROM driver_fits WHERE month = @month AND type = @type", conn))
        {
            drop.Parameters.Add(new NpgsqlParameter<DateOnly>("month", default(DateOnly)));
            drop.Parameters.Add(new NpgsqlParameter<string>("type", ""));
            foreach (var (month, type) in stored.Keys.Where(k => !current.Contains(k) ))
            {
                ((NpgsqlParameter<DateOnly>)drop.Parameters[0]).TypedValue = DateOnly.FromDayNumber(month);
                ((NpgsqlParameter<string>)drop.Parameters[1]).TypedValue = type;
                await drop.ExecuteNonQueryAsync(ct);
            }
        }
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO driver_fits (month, type, inputs, report) SELECT * FROM unnest(@month::date[], @type::text[], @inputs::bigint[], @report::jsonb[])
            ON CONFLICT (month, type) DO UPDATE SET inputs = excluded.inputs, report = excluded.report
            """, conn);
        var fitted = Enumerable.Range(0, keys.Count).Where(g => reports[g] is not null).ToList();
        upsert.Parameters.AddWithValue("month", fitted.Select(g => DateOnly.FromDayNumber(keys[g].Month)).ToArray());
        upsert.Parameters.AddWithValue("type", fitted.Select(g => Types[keys[g].Type]).ToArray());
        upsert.Parameters.AddWithValue("inputs", fitted.Select(g => inputs[g]).ToArray());
        upsert.Parameters.AddWithValue("report", NpgsqlDbType.Array | NpgsqlDbType.Jsonb, fitted.Select(g => JsonSerializer.Serialize(reports[g], Json)).ToArray());
        await upsert.ExecuteNonQueryAsync(ct);
    }

    // Bump when the fit or its features change, so no stored report outlives the code that made it.
    private const long FitVersion = 1;

    /// <summary>FNV-1a over everything the fit reads, in order (stable across processes, unlike string.GetHashCode).</summary>
    private static long InputHash(int month, string type, List<DriverAnalysis.Row> rows, Dictionary<long, BehaviourResult> behaviours)
    {
        var h = 14695981039346656037UL;
        void Mix(long v) { for (var b = 0; b < 8; b++) { h ^= (byte)(v >> (8 * b)); h *= 1099511628211UL; } }
        void MixText(string? text) { Mix(text?.Length ?? -1); foreach (var ch in text ?? "") Mix(ch); }
        Mix(FitVersion); Mix(month); MixText(type);
        foreach (var r in rows)
        {
            Mix(r.ContactId); Mix(r.Bad ? 1 : 0); MixText(r.Reason); Mix(r.PriorContacts);
            Mix(BitConverter.DoubleToInt64Bits(r.WaitMinutes)); Mix(BitConverter.DoubleToInt64Bits(r.HandleMinutes)); Mix(r.Transfers);
            if (behaviours.TryGetValue(r.ContactId, out var b)) MixText(JsonSerializer.Serialize(b, Json));
        }
        return (long)h;
    }

    private static int MonthStart(int dayNumber)
    {
        var d = DateOnly.FromDayNumber(dayNumber);
        return new DateOnly(d.Year, d.Month, 1).DayNumber;
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
