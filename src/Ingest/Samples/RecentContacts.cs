namespace Analytics.Ingest.Samples;

/// <summary>
/// Each customer's contacts within the repeat window. Contacts arrive in time order, so customers whose last contact
/// fell out of the window are forgotten: memory holds one window of contacts, never the whole run.
/// </summary>
internal sealed class RecentContacts(long windowTicks)
{
    private sealed class Entry
    {
        public long[] Times = new long[4];
        public int Count;
        public long Last;
    }

    private readonly Dictionary<int, Entry> _byCustomer = [];
    private readonly Queue<(long Ticks, int Customer)> _order = new();

    public int Tracked => _byCustomer.Count;

    /// <summary>How many contacts the customer had from <paramref name="ticks"/> minus the window up to now; then records this one.</summary>
    public int CountPriorAndAdd(int customer, long ticks)
    {
        var cutoff = ticks - windowTicks;
        while (_order.Count > 0 && _order.Peek().Ticks < cutoff)
        {
            var (_, c) = _order.Dequeue();
            if (_byCustomer.TryGetValue(c, out var old) && old.Last < cutoff) _byCustomer.Remove(c);
        }
        if (!_byCustomer.TryGetValue(customer, out var e))
        {
            e = new Entry();
            _byCustomer[customer] = e;
        }
        var keep = 0;
        for (var i = 0; i < e.Count; i++)
            if (e.Times[i] >= cutoff) e.Times[keep++] = e.Times[i];
        e.Count = keep;
        if (e.Count == e.Times.Length) Array.Resize(ref e.Times, e.Count * 2);
        e.Times[e.Count++] = ticks;
        e.Last = ticks;
        _order.Enqueue((ticks, customer));
        return keep;
    }
}
