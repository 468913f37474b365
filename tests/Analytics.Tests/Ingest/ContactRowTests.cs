using System.Text;
using Analytics.Ingest.Loaders;
using Analytics.Ingest.Pipeline;
using Analytics.Ingest.Redaction;

namespace Analytics.Tests.Ingest;

/// <summary>A contact row's validation needs no database: the loader, the taxonomy and a CSV are enough.</summary>
public sealed class ContactRowTests
{
    // A load's context: its redactor learns the agents' names the file brings, as a batch's does.
    private static LoadContext NewContext() =>
        new(1, "t.csv", "main", Analytics.Time.Amsterdam.Zone, Redactor.ForAgents([]), new RedactionCounts());

    private static List<(string? Error, ContactRow Row)> Validate(string csv)
    {
        var loader = new ContactLoader { ReasonIds = new Dictionary<string, int> { ["STO-INT"] = 7 } };
        using var rows = new CsvRows(new MemoryStream(Encoding.UTF8.GetBytes(csv)));
        loader.Bind(rows);
        var answers = new List<(string?, ContactRow)>();
        var context = NewContext();
        while (rows.Read()) answers.Add((loader.Validate(rows, context, out var row), row));
        return answers;
    }

    [Fact]
    public void AGoodRowIsConvertedToUtcGetsItsReasonIdAndHasItsNotesRedacted()
    {
        var (error, row) = Validate("""
            contact_id,channel,started_at,ended_at,talk_s,reason_code,notes,language
            C1,phone,02-03-2026 10:00,02-03-2026 10:05,300,STO-INT,bel me op 06-12345678,nl
            """).Single();

        Assert.Null(error);
        Assert.Equal(("C1", "phone", 300, 7), (row.Id, row.Channel, row.Talk, row.ReasonId));
        Assert.Equal(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc), row.Started);
        Assert.Equal(new DateTime(2026, 3, 2, 9, 5, 0, DateTimeKind.Utc), row.Ended);
        Assert.DoesNotContain("06-12345678", row.Notes);
        Assert.Equal("nl", row.Language);
    }

    [Fact]
    public void ABadRowNamesEveryFieldAtFault()
    {
        var (error, _) = Validate("""
            contact_id,channel,started_at,ended_at,wait_s,reason_code
            ,fax,02-03-2026 10:00,02-03-2026 09:00,-1,NOPE
            """).Single();

        Assert.NotNull(error);
        foreach (var part in new[] { "contact_id is empty", "channel 'fax'", "ended_at is before started_at", "wait_s", "reason_code 'NOPE'" })
            Assert.Contains(part, error);
    }

    [Fact]
    public void TheSameContentHasTheSameHashAndAChangedFieldAnother()
    {
        var rows = Validate("""
            contact_id,channel,started_at,notes
            A,chat,02-03-2026 10:00,hallo
            B,chat,02-03-2026 10:00,hallo
            C,chat,02-03-2026 10:00,hallo daar
            """);

        Assert.All(rows, r => Assert.Null(r.Error));
        Assert.Equal(rows[0].Row.Hash, rows[1].Row.Hash); // the key is not content
        Assert.NotEqual(rows[0].Row.Hash, rows[2].Row.Hash);
    }
}
