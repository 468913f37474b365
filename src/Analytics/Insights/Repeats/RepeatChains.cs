using Analytics.Insights.Calendar;
using Analytics.Time;
using Npgsql;

namespace Analytics.Insights.Repeats;

public sealed record ChainContact(long Id, DateTime StartedUtc, string Channel, string? ReasonCode, string? AgentCode);

/// <summary>
/// Where a contact stands in its customer's recent history: "the customer's 5th contact in 10 days", and the chain of
/// contacts each of which repeated the one before (within the repeat window), ending at this contact.
/// </summary>
public sealed record RepeatChain(long ContactId, int ContactsInLookback, int LookbackDays, int ChainLength, IReadOnlyList<ChainContact> Chain);

public sealed class RepeatChains(NpgsqlDataSource db, DutchCalendar calendar)
{
    /// <summary>
    /// Pure part: <paramref name="history"/> is the customer's contacts up to and including the target, in time order.
    /// The chain walks back while the earlier contact's repeat window still covers the later one's local day.
    /// </summary>
    public static RepeatChain Build(IReadOnlyList<ChainContact> history, RepeatOptions options, DutchCalendar calendar, int lookbackDays)
    {
        if (history.Count == 0) throw new ArgumentException("history must end with the contact itself", nameof(history));
        var target = history[^1];
        var since = target.StartedUtc.AddDays(-lookbackDays);
        var inLookback = history.Count(c => c.StartedUtc >= since);

        var chain = new List<ChainContact> { target };
        var later = target;
        for (var i = history.Count - 2; i >= 0; i--)
        {
            var earlier = history[i];
            if (options.Scope == RepeatScope.SameReason && (earlier.ReasonCode is null || earlier.ReasonCode != later.ReasonCode)) continue;
            var deadline = options.Deadline(LocalDay(earlier.StartedUtc), calendar);
            if (LocalDay(later.StartedUtc) > deadline) break;
            chain.Add(earlier);
            later = earlier;
        }
        chain.Reverse();
        return new RepeatChain(target.Id, inLookback, lookbackDays, chain.Count, chain);
    }

    /// <summary>The chain of one contact, or null when the contact does not exist.</summary>
    public async Task<RepeatChain?> ForContactAsync(long contactId, RepeatOptions options, int lookbackDays = 10, CancellationToken ct = default)
    {
        // 90 days back is more than any chain of 5-working-day windows a person sits through; it keeps the read bounded.
        const string sql = """
            SELECT c.id, c.started_utc, c.channel, r.code, a.code, c.customer_id
            FROM contacts t
            JOIN contacts c ON (c.customer_id = t.customer_id OR c.id = t.id)
                           AND c.started_utc BETWEEN t.started_utc - interval '90 days' AND t.started_utc
                           AND (c.started_utc < t.started_utc OR c.id <= t.id)
            LEFT JOIN contact_reasons r ON r.id = c.reason_id
            LEFT JOIN agents a ON a.id = c.agent_id
            WHERE t.id = @id AND c.outcome IS DISTINCT FROM 'phantom'
            ORDER BY c.started_utc, c.id
            """;
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue("id", contactId);
        var history = new List<ChainContact>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                history.Add(new ChainContact(r.GetInt64(0), r.GetDateTime(1), r.GetString(2),
                    r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)));
        if (history.Count == 0 || history[^1].Id != contactId) return null;
        return Build(history, options, calendar, lookbackDays);
    }

    private static DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(Amsterdam.ToLocal(utc));
}
