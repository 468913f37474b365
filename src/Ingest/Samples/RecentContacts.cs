using System.Runtime.InteropServices;

namespace Analytics.Ingest.Samples;

/// <summary>
/// How many contacts each customer had within the repeat window. Contacts arrive in time order, so the window is a
/// queue: a contact leaves it when it is older than the window, and a customer with none left is forgotten.
/// Memory holds one window of contacts (about 16 bytes each plus a counter per customer), never the whole run.
/// </summary>
internal sealed class RecentContacts(long windowTicks)
{
    private readonly Dictionary<int, int> _countByCustomer = [];
    private readonly Queue<(long Ticks, int Customer)> _window = new();

    public int Tracked => _countByCustomer.Count;

    /// <summary>The customer's contacts from <paramref name="ticks"/> minus the window up to now; then records this one.</summary>
    public int CountPriorAndAdd(int customer, long ticks)
    {
        var cutoff = ticks - windowTicks;
        while (_window.Count > 0 && _window.Peek().Ticks < cutoff)
        {
            var (_, old) = _window.Dequeue();
            ref var left = ref CollectionsMarshal.GetValueRefOrNullRef(_countByCustomer, old);
            if (--left == 0) _countByCustomer.Remove(old);
        }
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_countByCustomer, customer, out _);
        var prior = count++;
        _window.Enqueue((ticks, customer));
        return prior;
    }
}
