using System.Collections.Frozen;
using Analytics.Api.Common;
using Npgsql;

namespace Analytics.Api.Contacts;

/// <summary>
/// The codes of reasons, agents and their teams by id, for the contact listing: joining three small tables to every
/// page cost PostgreSQL as much planning as the search itself took to run, and at 128 connections that CPU was the
/// search's tail (docs/decisions/043-search-without-joins.md). One copy per data version (a batch that moves an agent
/// to another team is a new version); an id the copy does not know (a reason accepted a moment ago, an agent of a batch
/// still loading) reads it again. Filters and the small-team rule stay in SQL: they decide which rows are shown, and
/// must never lag.
/// </summary>
internal sealed class ContactCodes(NpgsqlDataSource db, DataVersion version)
{
    internal sealed record Copy(FrozenDictionary<int, string> Reasons, FrozenDictionary<int, (string Code, string? Team)> Agents)
    {
        public bool Knows(int? reasonId, int? agentId) =>
            (reasonId is not { } r || Reasons.ContainsKey(r)) && (agentId is not { } a || Agents.ContainsKey(a));
    }

    private readonly Lock _gate = new();
    private (string Version, Task<Copy> Load)? _current;

    /// <summary>The copy as of the current data version; concurrent callers share one read.</summary>
    public async Task<Copy> GetAsync(CancellationToken ct)
    {
        var now = await version.CurrentAsync(ct);
        Task<Copy> load;
        lock (_gate)
        {
            if (_current is not { } c || c.Version != now || c.Load.IsFaulted || c.Load.IsCanceled)
                _current = (now, Task.Run(ReadAsync));
            load = _current.Value.Load;
        }
        return await load.WaitAsync(ct);
    }

    /// <summary>Reads again, for a page holding an id the copy does not know.</summary>
    public async Task<Copy> ReloadAsync(Copy stale, CancellationToken ct)
    {
        Task<Copy> load;
        lock (_gate)
        {
            // Another caller may have reloaded since this one read its copy: share that read.
            if (_current is { } c && c.Load.IsCompletedSuccessfully && !ReferenceEquals(c.Load.Result, stale)) load = c.Load;
            else _current = (_current?.Version ?? "", load = Task.Run(ReadAsync));
        }
        return await load.WaitAsync(ct);
    }

    private async Task<Copy> ReadAsync()
    {
        var reasons = new Dictionary<int, string>();
        var agents = new Dictionary<int, (string, string?)>();
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT id, code FROM contact_reasons"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT a.id, a.code, t.code FROM agents a LEFT JOIN teams t ON t.id = a.team_id"));
        await using var r = await batch.ExecuteReaderAsync();
        while (await r.ReadAsync()) reasons[r.GetInt32(0)] = r.GetString(1);
        await r.NextResultAsync();
        while (await r.ReadAsync()) agents[r.GetInt32(0)] = (r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2));
        return new Copy(reasons.ToFrozenDictionary(), agents.ToFrozenDictionary());
    }
}
