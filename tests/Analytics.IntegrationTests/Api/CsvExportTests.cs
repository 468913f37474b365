using Analytics.Api.Common;

namespace Analytics.IntegrationTests.Api;

public sealed class CsvExportTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+31 6 …", "'+31 6 …")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-geen-", "'-geen-")]
    [InlineData("-100", "-100")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("factuur", "factuur")]
    [InlineData(null, "")]
    public void FormulasAreDefusedButNegativeNumbersStayNumbers(string? field, string expected) =>
        Assert.Equal(expected, CsvExport.Defuse(field));
}
