using System.Text;
using Analytics.Ingest.Samples;

namespace Analytics.Tests.Samples;

public sealed class CsvSinkTests
{
    [Fact]
    public void QuotesOnlyFieldsThatNeedItAndDoublesEmbeddedQuotes()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var sink = new CsvSink(path, new LocalTimes(), "a", "b", "c", "d", "e", "f"))
            {
                sink.Field("plain");
                sink.Field("komma, erin");
                sink.Field(new StringBuilder("zei \"nee\""));
                sink.Field("twee\nregels");
                sink.Field((string?)null);
                sink.Id('K', 42, "D8");
                sink.EndRow();
                sink.Field(-7);
                sink.Field(true);
                sink.Field(new StringBuilder("één"));
                sink.Timestamp(new DateTime(2026, 7, 1, 6, 0, 0, DateTimeKind.Utc).Ticks);
                sink.Field("");
                sink.Field("x\"");
                sink.EndRow();
                Assert.Equal(2, sink.Rows);
            }
            var expected = "a,b,c,d,e,f\nplain,\"komma, erin\",\"zei \"\"nee\"\"\",\"twee\nregels\",,K00000042\n" +
                           "-7,true,één,2026-07-01T08:00:00+02:00,,\"x\"\"\"\n";
            Assert.Equal(Encoding.UTF8.GetBytes(expected), File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
