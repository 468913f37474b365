using System.Globalization;
using Analytics.Api.Problems;
using Microsoft.AspNetCore.Http;

namespace Analytics.IntegrationTests.Api;

/// <summary>Which exceptions are bad input (a 4xx problem) and which stay server faults (500, logged).</summary>
public sealed class ProblemExceptionHandlerTests
{
    private static int? StatusOf(Action a) => ProblemExceptionHandler.Classify(Caught(a)).Status;

    private static Exception Caught(Action a)
    {
        try { a(); }
        catch (Exception e) { return e; }
        throw new InvalidOperationException("did not throw");
    }

    [Fact]
    public void ABindingFailureNamesItsParameterAndKeepsItsStatus()
    {
        var (status, parameter, message) = ProblemExceptionHandler.Classify(
            new BadHttpRequestException("Failed to bind parameter \"int? limit\" from \"abc\".", 400));
        Assert.Equal((400, "limit"), (status, parameter));
        Assert.Contains("'abc'", message);
        Assert.Equal(413, ProblemExceptionHandler.Classify(new BadHttpRequestException("too large", 413)).Status);
    }

    [Fact]
    public void ParsingAndCalendarOverflowsFromInputAreBadRequests()
    {
        Assert.Equal(400, StatusOf(() => int.Parse("2147483648", CultureInfo.InvariantCulture)));
        Assert.Equal(400, StatusOf(() => DateTime.Parse("x", CultureInfo.InvariantCulture)));
        Assert.Equal(400, StatusOf(() => DateOnly.MaxValue.AddDays(1)));
        Assert.Equal(400, StatusOf(() => Convert.FromBase64String("%%%")));
    }

    [Fact]
    public void TheSameExceptionTypesFromOurOwnCodeStayServerFaults()
    {
        var items = new List<int>();
        Assert.Null(StatusOf(() => _ = items[3]));
        Assert.Null(StatusOf(() => ArgumentOutOfRangeException.ThrowIfNegative(-1)));
        Assert.Null(StatusOf(() => _ = string.Format(CultureInfo.InvariantCulture, "{1}", 1)));
        Assert.Null(StatusOf(() => _ = checked(int.MaxValue + items.Count + 1)));
        Assert.Null(ProblemExceptionHandler.Classify(new InvalidOperationException("boom")).Status);
    }
}
