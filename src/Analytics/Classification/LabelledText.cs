namespace Analytics.Classification;

/// <summary>One training or evaluation example: raw (not yet normalised) text and its class label.</summary>
public sealed record LabelledText(string Text, string Label);

/// <summary>
/// What a classifier says about one text. <see cref="Label"/> is always the best class;
/// <see cref="Confidence"/> is its calibrated probability. <see cref="IsUnknown"/> says the prediction's
/// <see cref="Certainty"/> is below the threshold chosen on validation data, so a person should review it.
/// </summary>
public sealed record ClassPrediction(string Label, float Confidence, bool IsUnknown)
{
    /// <summary>1 − entropy / ln(classes) of the calibrated probabilities: what the unknown threshold is compared with.</summary>
    public float Certainty { get; init; }

    /// <summary>The label to show or store: the class, or <see cref="TextClassifier.UnknownLabel"/> when it needs review.</summary>
    public string LabelOrUnknown => IsUnknown ? TextClassifier.UnknownLabel : Label;
}

/// <summary>Bad training or evaluation input, with a message a user can act on.</summary>
public sealed class ClassifierDataException(string message) : Exception(message);
