using Analytics.Classification;

namespace Analytics.Api.Models;

/// <summary>How the nightly job and <c>POST /api/v1/models/{kind}/retrain</c> train (section <c>Models</c>).</summary>
public sealed class ModelTrainingOptions
{
    /// <summary>
    /// Empty: the default L2. "auto": chosen on the validation split, for centres whose wrap-up codes the miscode
    /// audit finds poor (decision 045). A number: that L2.
    /// </summary>
    public string? L2 { get; set; }

    /// <summary>
    /// Train on the newest this many labelled rows only (empty: all): current coding habits, and a bound on the nightly
    /// job's time, which `auto` multiplies by six.
    /// </summary>
    public int? NewestRows { get; set; }

    public bool Valid() => Classifier() is not null && NewestRows is null or > 0;

    /// <summary>The training options, or null when <see cref="L2"/> is neither empty, auto nor a number.</summary>
    public TextClassifierOptions? Classifier()
    {
        if (string.IsNullOrWhiteSpace(L2)) return new TextClassifierOptions();
        try
        {
            return new TextClassifierOptions().WithL2(L2.Trim());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
