namespace Analytics.Insights.Rollups;

/// <summary>
/// One contact as the rollup needs it. Ids are 0 for "none"; <see cref="Dim"/> numbers the (source, channel, queue)
/// combination (language included) and <see cref="Channel"/> the channel. <see cref="NaiveUntilTicks"/> is started + the naive window as the
/// database computes it, so both sides agree on what "5 days later" means.
/// </summary>
public struct RollupContact
{
    public long Id;
    public long Customer;
    public long StartedTicks;
    public long NaiveUntilTicks;
    public int Day;
    public int Reason;
    public int Agent;
    public int Dim;
    public int Channel;
    public int Queue;
    public ContactKind Kind;
    public int Wait;
    public int Handle;
    public int Transfers;
    /// <summary>started − 30 days as the database computes it: the start of the drivers' "earlier contacts" window.</summary>
    public long LookbackFromTicks;
    public int Promoters, Passives, Detractors;
}

/// <summary>
/// A customer's contacts (phantom calls left out) in (started, id) order: <see cref="Members"/> holds contact indices
/// customer by customer, and for contact i its customer's run is Members[GroupStart[i] .. GroupEnd[i]).
/// </summary>
public sealed record CustomerOrder(int[] Members, int[] GroupStart, int[] GroupEnd);

public enum ContactKind : byte { Served, Abandoned, Phantom }

/// <summary>One survey response with a contact: type 0 NPS, 1 CES, 2 CSAT; <see cref="Day"/> is the local response day.</summary>
public struct RollupSurvey
{
    public long Id;
    public long ContactId;
    public byte Type;
    public int Score;
    public int Day;
}

/// <summary>
/// The pure part of the rollup refresh: per-contact repeat verdicts (the raw FCR query's rules) and the sums per day and
/// month. Done in memory because the two "next contact of this customer" windows are two sorts of every contact, which
/// PostgreSQL does several times slower than a sort of packed keys here.
/// </summary>
public sealed class RollupBuilder(Func<int, int> deadlineOfDay, int completeDay, long completeUtcTicks, int serviceLevelSeconds)
{
    public sealed class Sums
    {
        public int Contacts, Served, Abandoned, Phantom, WithinSl, FcrContacts, Pending, Repeated, Resolved, NaiveDecided, NaiveResolved;
        public int Promoters, Passives, Detractors;
        public long Wait, Handle;

        public void Add(Sums o)
        {
            Contacts += o.Contacts; Served += o.Served; Abandoned += o.Abandoned; Phantom += o.Phantom; WithinSl += o.WithinSl;
            FcrContacts += o.FcrContacts; Pending += o.Pending; Repeated += o.Repeated; Resolved += o.Resolved;
            NaiveDecided += o.NaiveDecided; NaiveResolved += o.NaiveResolved;
            Promoters += o.Promoters; Passives += o.Passives; Detractors += o.Detractors; Wait += o.Wait; Handle += o.Handle;
        }
    }

    /// <summary>Key of a rollup row: day (day number; for month rows the month's first day), dimension, agent, reason.</summary>
    public readonly record struct Key(int Day, bool Month, int Dim, int Agent, int Reason);

    /// <summary>Key of a histogram row: kind 0 channel, 1 queue, 2 agent, 3 reason, with that key's value.</summary>
    public readonly record struct BinKey(int Day, bool Month, int Kind, int Value);

    public Dictionary<Key, Sums> Rows { get; } = [];
    public Dictionary<BinKey, int[]> Bins { get; } = [];
    public Dictionary<(int Day, int Reason), int> ReasonDays { get; } = [];

    public CustomerOrder Order { get; private set; } = new([], [], []);

    public void Build(RollupContact[] contacts, int count)
    {
        var (nextRepeat, nextSameChannel, order) = NextContacts(contacts, count);
        Order = order;
        for (var i = 0; i < count; i++)
        {
            ref var c = ref contacts[i];
            var sums = Row(new Key(c.Day, false, c.Dim, c.Agent, c.Reason));
            if (c.Kind == ContactKind.Phantom) { sums.Phantom++; continue; }
            sums.Contacts++;
            sums.Promoters += c.Promoters; sums.Passives += c.Passives; sums.Detractors += c.Detractors;
            if (c.Reason != 0) ReasonDays[(c.Day, c.Reason)] = ReasonDays.GetValueOrDefault((c.Day, c.Reason)) + 1;
            if (c.Kind == ContactKind.Abandoned) { sums.Abandoned++; continue; }
            sums.Served++;
            sums.Wait += c.Wait;
            sums.Handle += c.Handle;
            if (c.Wait <= serviceLevelSeconds) sums.WithinSl++;
            var bin = HandleTimeBins.Index(c.Handle);
            Bin(new BinKey(c.Day, false, 0, c.Channel))[bin]++;
            Bin(new BinKey(c.Day, false, 1, c.Queue))[bin]++;
            Bin(new BinKey(c.Day, false, 2, c.Agent))[bin]++;
            Bin(new BinKey(c.Day, false, 3, c.Reason))[bin]++;
            if (c.Customer == 0) continue;

            sums.FcrContacts++;
            var deadline = deadlineOfDay(c.Day);
            var repeated = nextRepeat[i] >= 0 && contacts[nextRepeat[i]].Day <= deadline;
            if (repeated) sums.Repeated++;
            else if (deadline > completeDay) sums.Pending++;
            else sums.Resolved++;
            var naiveRepeat = nextSameChannel[i] >= 0 && contacts[nextSameChannel[i]].StartedTicks < c.NaiveUntilTicks;
            var naiveOpen = c.NaiveUntilTicks > completeUtcTicks;
            if (naiveRepeat || !naiveOpen) sums.NaiveDecided++;
            if (!naiveRepeat && !naiveOpen) sums.NaiveResolved++;
        }
        foreach (var (key, sums) in Rows.ToList()) Row(key with { Day = MonthStart(key.Day), Month = true }).Add(sums);
        foreach (var (key, bins) in Bins.ToList())
        {
            var month = Bin(key with { Day = MonthStart(key.Day), Month = true });
            for (var b = 0; b < bins.Length; b++) month[b] += bins[b];
        }
    }

    private static int MonthStart(int dayNumber)
    {
        var d = DateOnly.FromDayNumber(dayNumber);
        return new DateOnly(d.Year, d.Month, 1).DayNumber;
    }

    private Sums Row(Key key)
    {
        if (!Rows.TryGetValue(key, out var s)) Rows[key] = s = new Sums();
        return s;
    }

    private int[] Bin(BinKey key)
    {
        if (!Bins.TryGetValue(key, out var b)) Bins[key] = b = new int[HandleTimeBins.Count];
        return b;
    }

    /// <summary>
    /// For each contact of a customer (phantom calls left out, abandoned ones kept, as in the raw query): the index of that
    /// customer's next contact about the same coded reason, and of the next one on the same channel, in (started, id)
    /// order; −1 when there is none. Contacts without a coded reason never have a same-reason successor.
    /// </summary>
    public static (int[] NextRepeat, int[] NextSameChannel, CustomerOrder Order) NextContacts(RollupContact[] contacts, int count)
    {
        var nextRepeat = new int[count];
        var nextSameChannel = new int[count];
        Array.Fill(nextRepeat, -1);
        Array.Fill(nextSameChannel, -1);

        // (started, id) order as a rank, then one sort of (customer, rank) packed in 64 bits.
        var order = new int[count];
        var started = new long[count];
        for (var i = 0; i < count; i++) { order[i] = i; started[i] = contacts[i].StartedTicks; }
        Array.Sort(started, order);
        for (int i = 0, j; i < count; i = j)
        {
            for (j = i + 1; j < count && started[j] == started[i]; j++) { }
            if (j - i > 1) Array.Sort(order, i, j - i, Comparer<int>.Create((a, b) => contacts[a].Id.CompareTo(contacts[b].Id)));
        }
        var keys = new List<ulong>(count);
        var members = new List<int>(count);
        for (var rank = 0; rank < count; rank++)
        {
            var i = order[rank];
            if (contacts[i].Customer == 0 || contacts[i].Kind == ContactKind.Phantom) continue;
            keys.Add(((ulong)contacts[i].Customer << 32) | (uint)rank);
            members.Add(i);
        }
        var keyArray = keys.ToArray();
        var memberArray = members.ToArray();
        Array.Sort(keyArray, memberArray);

        var groupStart = new int[count];
        var groupEnd = new int[count];
        var lastByReason = new Dictionary<int, int>();
        var lastByChannel = new Dictionary<int, int>();
        for (int start = 0, end; start < keyArray.Length; start = end)
        {
            var customer = keyArray[start] >> 32;
            for (end = start + 1; end < keyArray.Length && keyArray[end] >> 32 == customer; end++) { }
            for (var k = start; k < end; k++) (groupStart[memberArray[k]], groupEnd[memberArray[k]]) = (start, end);
            if (end - start == 1) continue;
            lastByReason.Clear();
            lastByChannel.Clear();
            // Walking backwards, the last one seen with a reason (channel) is the next one after the current contact.
            for (var k = end - 1; k >= start; k--)
            {
                var i = memberArray[k];
                var reason = contacts[i].Reason;
                if (reason != 0)
                {
                    if (lastByReason.TryGetValue(reason, out var next)) nextRepeat[i] = next;
                    lastByReason[reason] = i;
                }
                if (lastByChannel.TryGetValue(contacts[i].Channel, out var sameChannel)) nextSameChannel[i] = sameChannel;
                lastByChannel[contacts[i].Channel] = i;
            }
        }
        return (nextRepeat, nextSameChannel, new CustomerOrder(memberArray, groupStart, groupEnd));
    }
}
