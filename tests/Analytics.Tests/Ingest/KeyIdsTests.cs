using Analytics.Ingest.Loaders;

namespace Analytics.Tests.Ingest;

public sealed class KeyIdsTests
{
    [Fact]
    public void EveryKeyKeepsTheIdItFirstGotAcrossGrowthAndKeyShapes()
    {
        // Short ASCII keys are packed, long and non-ASCII ones are not; keys that differ only in the 9th or 16th
        // character, or in case, must stay apart; a table sized for 10 keys grows to hold all of them.
        var random = new Random(7);
        var keys = new List<string> { "C1", "c1", "C1 ", "ABCDEFGH", "ABCDEFGHI", "ABCDEFGHIJKLMNOP", "ABCDEFGHIJKLMNOQ",
            "ABCDEFGHIJKLMNOPQ", "klant-é", "ïd", "\u007F", "0" };
        for (var i = 0; i < 50_000; i++) keys.Add("C" + random.Next(1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var ids = new KeyIds(10);
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        long next = 1;
        foreach (var key in keys)
        {
            var id = ids.GetOrAdd(key, next, out var isNew);
            Assert.Equal(!expected.ContainsKey(key), isNew);
            if (isNew) { expected[key] = next++; }
            Assert.Equal(expected[key], id);
        }
        Assert.Equal(expected.Count, ids.Count);
        foreach (var (key, id) in expected)
        {
            Assert.Equal(id, ids.GetOrAdd(key, -1, out var isNew));
            Assert.False(isNew);
        }
    }

    [Fact]
    public void KeysReadUpFrontKeepTheirDatabaseIds()
    {
        var ids = new KeyIds(0);
        ids.Add("C7", 700);
        ids.Add("a-very-long-customer-key-0001", 701);
        Assert.Equal(700, ids.GetOrAdd("C7", 1, out var isNew));
        Assert.False(isNew);
        Assert.Equal(701, ids.GetOrAdd("a-very-long-customer-key-0001", 1, out isNew));
        Assert.False(isNew);
        Assert.Equal(1, ids.GetOrAdd("C8", 1, out isNew));
        Assert.True(isNew);
    }
}
