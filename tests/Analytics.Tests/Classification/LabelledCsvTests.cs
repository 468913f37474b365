using Analytics.Classification;

namespace Analytics.Tests.Classification;

public class LabelledCsvTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string content)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void ReadsSemicolonFilesWithQuotedSeparatorsQuotesAndLineBreaks()
    {
        var path = Write("id;Notitie;Reden\n1;\"Factuur; te hoog\";factuur\n2;\"Zei \"\"bel me\"\"\nop maandag\";terugbellen\n3;gewoon;factuur\n");
        var (rows, skipped) = LabelledCsv.ReadLabelled(path, "Notitie", "Reden");
        Assert.Equal(0, skipped);
        Assert.Equal(
            [new LabelledText("Factuur; te hoog", "factuur"), new LabelledText("Zei \"bel me\"\nop maandag", "terugbellen"), new LabelledText("gewoon", "factuur")],
            rows);
        Assert.Equal(';', LabelledCsv.Read(path).Separator);
    }

    [Fact]
    public void ReadsCommaFilesAndMatchesColumnNamesIgnoringCase()
    {
        var path = Write("Text,Category\n\"hello, world\",greeting\nbye,farewell\n");
        var (rows, _) = LabelledCsv.ReadLabelled(path, "text", "category");
        Assert.Equal([new LabelledText("hello, world", "greeting"), new LabelledText("bye", "farewell")], rows);
    }

    [Fact]
    public void RowsWithoutTextOrLabelAreSkippedAndCounted()
    {
        var path = Write("text,label\na,x\n,x\nb,\nc,y\n");
        var (rows, skipped) = LabelledCsv.ReadLabelled(path, "text", "label");
        Assert.Equal(2, rows.Count);
        Assert.Equal(2, skipped);
    }

    [Fact]
    public void AMissingColumnNamesTheColumnsThereAre()
    {
        var path = Write("notes;code\na;b\n");
        var e = Assert.Throws<ClassifierDataException>(() => LabelledCsv.ReadLabelled(path, "text", "code"));
        Assert.Contains("no column 'text'", e.Message);
        Assert.Contains("'notes', 'code'", e.Message);
    }

    [Fact]
    public void EmptyFilesAndHeaderOnlyFilesAreClearErrors()
    {
        Assert.Contains("is empty", Assert.Throws<ClassifierDataException>(() => LabelledCsv.Read(Write(""))).Message);
        Assert.Contains("no data rows", Assert.Throws<ClassifierDataException>(() => LabelledCsv.Read(Write("text,label\n"))).Message);
        Assert.Contains("not found", Assert.Throws<ClassifierDataException>(() => LabelledCsv.Read(Path.Combine(_dir, "nope.csv"))).Message);
    }
}
