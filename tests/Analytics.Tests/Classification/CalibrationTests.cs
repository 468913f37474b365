using Analytics.Classification;

namespace Analytics.Tests.Classification;

public class CalibrationTests
{
    [Fact]
    public void TemperatureOneLeavesProbabilitiesAlone()
    {
        float[] p = [0.6f, 0.3f, 0.1f];
        Calibration.Temper(p, 1f);
        Assert.Equal([0.6f, 0.3f, 0.1f], p);
    }

    [Fact]
    public void TemperatureHalfSquaresAndRenormalises()
    {
        float[] p = [0.6f, 0.4f];
        Calibration.Temper(p, 0.5f);
        // 0.36 / 0.52 and 0.16 / 0.52
        Assert.Equal(0.36 / 0.52, p[0], 5);
        Assert.Equal(0.16 / 0.52, p[1], 5);
    }

    [Fact]
    public void OverconfidentPredictionsGetATemperatureAboveOne()
    {
        // Always 0.95 on the predicted class but right only 60% of the time: the fit must soften (T > 1).
        var probabilities = new List<float[]>();
        var truth = new List<int>();
        for (var i = 0; i < 200; i++)
        {
            probabilities.Add([0.95f, 0.03f, 0.02f]);
            truth.Add(i % 10 < 6 ? 0 : 1);
        }
        var t = Calibration.FitTemperature(probabilities, truth);
        Assert.True(t > 1.5f, $"temperature {t}");
        float[] tempered = [0.95f, 0.03f, 0.02f];
        Calibration.Temper(tempered, t);
        Assert.InRange(tempered[0], 0.5f, 0.7f);
    }

    [Fact]
    public void TooFewRowsKeepTemperatureOne()
    {
        var t = Calibration.FitTemperature([[0.9f, 0.1f], [0.2f, 0.8f]], [1, 0]);
        Assert.Equal(1f, t);
    }

    [Fact]
    public void ThresholdIsTheBudgetQuantileOfCorrectConfidences()
    {
        // Correct confidences 0.01 … 1.00; a 3% budget puts the threshold at the 4th lowest (index 3), 0.04.
        var validation = Enumerable.Range(1, 100).Select(i => (i / 100f, true))
            .Append((0.001f, false)).Append((0.999f, false)).ToList();
        Assert.Equal(0.04f, Calibration.ChooseThreshold(validation, 0.03), 5);
        var below = validation.Count(v => v.Item2 && v.Item1 < 0.04f);
        Assert.Equal(3, below);
    }

    [Fact]
    public void TooFewCorrectPredictionsMeanNoThreshold() =>
        Assert.Equal(0f, Calibration.ChooseThreshold([(0.9f, true), (0.8f, true)], 0.03));

    [Fact]
    public void CalibrationErrorIsZeroWhenConfidenceMatchesAccuracyPerBin()
    {
        // 10 predictions at 0.8 with 8 right, 4 at 0.5 with 2 right: every bin's confidence equals its accuracy.
        var rows = Enumerable.Range(0, 10).Select(i => (0.8f, i < 8)).Concat(Enumerable.Range(0, 4).Select(i => (0.5f, i < 2))).ToList();
        Assert.Equal(0, Calibration.ExpectedCalibrationError(rows), 6);
        // All at 0.9 but only half right: |0.9 − 0.5| = 0.4.
        var bad = Enumerable.Range(0, 10).Select(i => (0.9f, i < 5)).ToList();
        Assert.Equal(0.4, Calibration.ExpectedCalibrationError(bad), 5);
    }
}
