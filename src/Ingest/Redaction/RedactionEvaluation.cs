using System.Text;
using System.Text.RegularExpressions;

namespace Analytics.Ingest.Redaction;

/// <summary>One labelled sentence: the raw text and the text as it should look after redaction.</summary>
public sealed record RedactionExample(string Text, string Expected);

/// <summary>Entity counts for one type: spans in the labels, spans the redactor produced, and exact matches.</summary>
public sealed record RedactionTypeScore(PiiType Type, int Expected, int Found, int Correct)
{
    public double Precision => Found == 0 ? 1.0 : (double)Correct / Found;
    public double Recall => Expected == 0 ? 1.0 : (double)Correct / Expected;
}

/// <summary>A sentence whose redaction differs from its label.</summary>
public sealed record RedactionMistake(string Text, string Expected, string Actual);

public sealed record RedactionScore(int Examples, IReadOnlyList<RedactionTypeScore> PerType, IReadOnlyList<RedactionMistake> Mistakes)
{
    public int Expected => PerType.Sum(t => t.Expected);
    public int Found => PerType.Sum(t => t.Found);
    public int Correct => PerType.Sum(t => t.Correct);
    public double Precision => Found == 0 ? 1.0 : (double)Correct / Found;
    public double Recall => Expected == 0 ? 1.0 : (double)Correct / Expected;

    /// <summary>Agents' and customers' names together (an agent's name taken for a customer's counts as wrong).</summary>
    public RedactionTypeScore Names => new(PiiType.Name, PerType.Where(t => t.Type.IsName()).Sum(t => t.Expected),
        PerType.Where(t => t.Type.IsName()).Sum(t => t.Found), PerType.Where(t => t.Type.IsName()).Sum(t => t.Correct));

    public string Describe()
    {
        var sb = new StringBuilder();
        sb.AppendLine(FormattableString.Invariant($"{"type",-9} {"expected",8} {"found",6} {"correct",7} {"precision",9} {"recall",7}"));
        foreach (var t in PerType)
        {
            sb.AppendLine(FormattableString.Invariant(
                $"{t.Type.Name(),-9} {t.Expected,8} {t.Found,6} {t.Correct,7} {t.Precision,9:F3} {t.Recall,7:F3}"));
        }
        var names = Names;
        sb.AppendLine(FormattableString.Invariant(
            $"{"names",-9} {names.Expected,8} {names.Found,6} {names.Correct,7} {names.Precision,9:F3} {names.Recall,7:F3}   (AGENT + NAME)"));
        sb.Append(FormattableString.Invariant(
            $"{"all",-9} {Expected,8} {Found,6} {Correct,7} {Precision,9:F3} {Recall,7:F3}   ({Examples} sentences, {Mistakes.Count} not exactly as labelled)"));
        return sb.ToString();
    }
}

/// <summary>
/// Entity-level precision and recall of a <see cref="Redactor"/> over a labelled set. A found entity counts as
/// correct only with the same type and exactly the same span as the label, so a half-redacted IBAN is both a miss
/// and a false hit.
/// </summary>
public static partial class RedactionEvaluation
{
    /// <summary>
    /// The agents a labelled set assumes are known (its <c># agents: Name; Name</c> lines), as the agents table would
    /// hold them.
    /// </summary>
    public static IReadOnlyList<string> LoadAgents(string path) =>
        File.ReadLines(path, Encoding.UTF8)
            .Where(l => l.StartsWith(AgentsLine, StringComparison.Ordinal))
            .SelectMany(l => l[AgentsLine.Length..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();

    private const string AgentsLine = "# agents:";

    /// <summary>Reads a <c>text&lt;TAB&gt;expected</c> file with a header line; blank lines and lines starting with '#' are skipped.</summary>
    public static IReadOnlyList<RedactionExample> LoadTsv(string path)
    {
        var examples = new List<RedactionExample>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (lineNumber == 1 && line.StartsWith("text\t", StringComparison.Ordinal)) continue;
            if (line.Length == 0 || line[0] == '#') continue;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0 || line.IndexOf('\t', tab + 1) >= 0)
                throw new InvalidDataException($"{path}:{lineNumber}: expected exactly two tab-separated columns");
            // "\n" stands for a line break, as in an e-mail's signature.
            examples.Add(new RedactionExample(line[..tab].Replace("\\n", "\n", StringComparison.Ordinal),
                line[(tab + 1)..].Replace("\\n", "\n", StringComparison.Ordinal)));
        }
        return examples;
    }

    public static RedactionScore Score(IEnumerable<RedactionExample> examples, Redactor redactor)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(redactor);
        var expected = new int[PiiTypes.Count];
        var found = new int[PiiTypes.Count];
        var correct = new int[PiiTypes.Count];
        var mistakes = new List<RedactionMistake>();
        var count = 0;
        var counts = new RedactionCounts();
        foreach (var example in examples)
        {
            count++;
            var gold = Entities(example.Text, example.Expected)
                       ?? throw new InvalidDataException($"label does not fit its text: {example.Expected}");
            var actual = redactor.Redact(example.Text, counts);
            var predicted = Entities(example.Text, actual) ?? [];
            foreach (var g in gold) expected[(int)g.Type]++;
            foreach (var p in predicted)
            {
                found[(int)p.Type]++;
                if (gold.Contains(p)) correct[(int)p.Type]++;
            }
            if (!string.Equals(actual, example.Expected, StringComparison.Ordinal))
                mistakes.Add(new RedactionMistake(example.Text, example.Expected, actual));
        }
        var perType = PiiTypes.All.Select(t => new RedactionTypeScore(t, expected[(int)t], found[(int)t], correct[(int)t])).ToList();
        return new RedactionScore(count, perType, mistakes);
    }

    /// <summary>
    /// Recovers which spans of <paramref name="original"/> were replaced in <paramref name="redacted"/>, by matching
    /// the literal text between placeholders back onto the original. Null when the two do not fit together.
    /// </summary>
    public static IReadOnlyList<RedactedSpan>? Entities(string original, string redacted)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(redacted);
        var placeholders = Placeholder().Matches(redacted);
        if (placeholders.Count == 0) return string.Equals(original, redacted, StringComparison.Ordinal) ? [] : null;

        var pattern = new StringBuilder("^");
        var types = new List<PiiType>(placeholders.Count);
        var from = 0;
        foreach (Match p in placeholders)
        {
            pattern.Append(Regex.Escape(redacted[from..p.Index])).Append("(.+?)");
            PiiTypes.TryParseName(p.Groups[1].ValueSpan, out var type);
            types.Add(type);
            from = p.Index + p.Length;
        }
        pattern.Append(Regex.Escape(redacted[from..])).Append('$');
        var m = Regex.Match(original, pattern.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
        if (!m.Success) return null;
        return types.Select((t, i) => new RedactedSpan(t, m.Groups[i + 1].Index, m.Groups[i + 1].Index + m.Groups[i + 1].Length)).ToList();
    }

    [GeneratedRegex(@"\[(EMAIL|PHONE|IBAN|BSN|POSTCODE|CARD|DOB|AGENT|NAME)\]", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}

/// <summary>A redacted span of the original text, end exclusive.</summary>
public readonly record struct RedactedSpan(PiiType Type, int Start, int End);
