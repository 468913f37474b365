namespace Analytics.Models;

/// <summary>A trained model in the registry; the artifact is the ML.NET zip.</summary>
public sealed class ModelRecord
{
    public int Id { get; set; }
    /// <summary>reasons or sentiment.</summary>
    public required string Kind { get; set; }
    public int Version { get; set; }
    public DateTime TrainedUtc { get; set; }
    public required string DataHash { get; set; }
    public required string MetricsJson { get; set; }
    public required byte[] Artifact { get; set; }
    public bool Active { get; set; }
}

public sealed class Prediction
{
    public long Id { get; set; }
    public long? ContactId { get; set; }
    public long? SurveyId { get; set; }
    public int ModelId { get; set; }
    public required string Kind { get; set; }
    public required string Label { get; set; }
    public float Confidence { get; set; }
    public DateTime CreatedUtc { get; set; }
}
