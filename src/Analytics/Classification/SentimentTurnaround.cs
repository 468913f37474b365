namespace Analytics.Classification;

/// <summary>The customer's mood at the start and at the end of a conversation, and whether it turned around.</summary>
public sealed record Turnaround(string Start, float StartConfidence, string End, float EndConfidence, bool TurnedAround, bool Worsened);

public static class SentimentTurnaround
{
    private static int Rank(string label) => label switch { "negative" => 0, "neutral" => 1, "positive" => 2, _ => 1 };

    /// <summary>
    /// Scores the customer's first and last turns (two of each, joined, so a bare "ja" does not decide the mood).
    /// Null when the customer spoke fewer than two turns: one turn has no start and end.
    /// </summary>
    public static Turnaround? Of(IReadOnlyList<(string Speaker, string Text)> turns, TextClassifier sentiment)
    {
        var customer = turns.Where(t => t.Speaker == "customer" && !string.IsNullOrWhiteSpace(t.Text)).Select(t => t.Text).ToList();
        if (customer.Count < 2) return null;
        var take = Math.Min(2, customer.Count / 2);
        var start = sentiment.Predict(string.Join(" ", customer.Take(take)));
        var end = sentiment.Predict(string.Join(" ", customer.Skip(customer.Count - take)));
        return new Turnaround(start.Label, start.Confidence, end.Label, end.Confidence,
            TurnedAround: Rank(end.Label) > Rank(start.Label), Worsened: Rank(end.Label) < Rank(start.Label));
    }
}
