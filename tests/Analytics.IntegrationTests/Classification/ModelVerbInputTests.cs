using Analytics.Api.Cli;
using Analytics.Classification;

namespace Analytics.IntegrationTests.Classification;

/// <summary>`--l2` on the train verbs: a number, or auto (chosen on the validation split, decision 045).</summary>
public class ModelVerbInputTests
{
    [Fact]
    public void L2TakesANumberOrAuto()
    {
        Assert.Equal(0.3f, ModelVerbInput.Options(new CliArgs(["--l2", "0.3"])).L2);
        var auto = ModelVerbInput.Options(new CliArgs(["--l2", "auto", "--noisy-labels", "drop:3:0.5"]));
        Assert.Same(TextClassifierOptions.AutoL2, auto.L2Choices);
        Assert.Null(auto.L2);
        Assert.Equal("drop:3:0.5", auto.NoisyLabels?.ToString());
        Assert.Null(ModelVerbInput.Options(new CliArgs([])).L2Choices);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("-1")]
    [InlineData("NaN")]
    public void AnL2ThatIsNeitherIsAUsageError(string value) =>
        Assert.Contains("--l2 must be auto or a number",
            Assert.Throws<CliUsageException>(() => ModelVerbInput.Options(new CliArgs(["--l2", value]))).Message);

    [Fact]
    public void AutoL2WithAnotherTrainerSaysWhy() =>
        Assert.Contains("--l2 auto chooses among L-BFGS", Assert.Throws<CliUsageException>(() =>
            ModelVerbInput.Options(new CliArgs(["--trainer", "SdcaMaximumEntropy", "--l2", "auto"]))).Message);
}
