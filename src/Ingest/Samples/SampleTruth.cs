namespace Analytics.Ingest.Samples;

/// <summary>
/// The reason a sample note was written for, read back from the note itself (notes are built from their true reason's
/// phrases, whatever the agent coded): the ground truth of the planted 4% sibling miscodes, for tests and benchmarks.
/// </summary>
public static class SampleTruth
{
    private static readonly (string Phrase, string Code)[] Phrases = SampleCatalog.Reasons
        .SelectMany(r => ReasonTexts.ByIndex[r.Index].Notes.Append(ReasonTexts.ByIndex[r.Index].English)
            .Select(p => (Phrase: p.ToLowerInvariant(), r.Code)))
        .OrderByDescending(p => p.Phrase.Length).ToArray();

    /// <summary>The true reason code of a generated note, or null when no reason's phrase is in it.</summary>
    public static string? TrueReason(string? notes)
    {
        if (string.IsNullOrEmpty(notes)) return null;
        var lower = notes.ToLowerInvariant();
        foreach (var (phrase, code) in Phrases)
            if (lower.Contains(phrase, StringComparison.Ordinal)) return code;
        return null;
    }

    /// <summary>The code of the reason that is new from the middle month on (its volume triples then).</summary>
    public const string EmergingReason = ScoreModel.EmergingReason;
}
