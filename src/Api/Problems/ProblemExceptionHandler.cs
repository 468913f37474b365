using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Analytics.Api.Problems;

/// <summary>A request error that names the parameter at fault; answered as RFC 7807 with status 400.</summary>
internal sealed class BadParameterException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}

/// <summary>
/// Bad input is answered as a problem document naming the parameter, never as a 500. Validation in the handlers is
/// the first line; this is the net for what slips through: binding failures, and parse or calendar errors that only
/// input can cause. Those are logged as warnings (each one is a missing validation). A database that is out of reach
/// (restarting) is a 503 with Retry-After, not a fault; anything else stays a 500.
/// </summary>
internal sealed partial class ProblemExceptionHandler(
    IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, parameter, message) = Classify(exception);
        if (status == 503)
        {
            log.LogWarning("Database unavailable for {Method} {Path}: {Error}", http.Request.Method, http.Request.Path,
                exception.Message);
            http.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(
                System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (status is null)
        {
            log.LogError(exception, "Unhandled error for {Method} {Path}", http.Request.Method, http.Request.Path);
            return false;
        }
        else if (exception is not (BadHttpRequestException or BadParameterException))
            log.LogWarning(exception, "Bad input reached {Method} {Path} unvalidated",
                http.Request.Method, http.Request.Path);
        http.Response.StatusCode = status.Value;
        var details = new ProblemDetails
        {
            Status = status, Detail = message,
            Title = status switch { 400 => "Bad request", 503 => "Service unavailable", _ => "Request not accepted" },
        };
        if (parameter is not null)
            details.Extensions["errors"] = new Dictionary<string, string[]> { [parameter] = [message] };
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http, ProblemDetails = details, Exception = exception,
        });
    }

    /// <summary>Status, parameter and message of an exception bad input causes; a null status for a fault.</summary>
    internal static (int? Status, string? Parameter, string Message) Classify(Exception exception)
    {
        if (DatabaseOutage.Is(exception))
            return (503, null, "the database is unavailable for a moment; try again shortly");
        switch (exception)
        {
            case BadParameterException bad:
                return (400, bad.Parameter, bad.Message);
            case BadHttpRequestException { InnerException: JsonException json } bad:
                return (bad.StatusCode, JsonField(json), JsonMessage(json));
            case BadHttpRequestException bad:
            {
                // Minimal APIs say `Failed to bind parameter "int? limit" from "abc"`: name it like every other 400.
                // A binding failure keeps its own status (415 for a wrong content type, 413 for too large a body).
                var bound = BindFailure().Match(bad.Message);
                return bound.Success
                    ? (bad.StatusCode, bound.Groups[1].Value,
                        $"'{Truncate(bound.Groups[2].Value)}' is not a valid value for {bound.Groups[1].Value}")
                    : (bad.StatusCode, null, bad.Message);
            }
            case FormatException or OverflowException when ThrownBy(exception, Parsers):
                return (400, null, "a value in the request is not in the expected format or out of range");
            case ArgumentOutOfRangeException when ThrownBy(exception, Calendar):
                return (400, null, "a date in the request is outside the calendar this API can count with");
            default:
                return (null, null, exception.Message);
        }
    }

    // Parsing and date arithmetic fail on input (a forged value, a far date); the same exception types thrown by our
    // own code (string.Format, checked arithmetic, an argument check) are bugs and stay 500.
    private static readonly HashSet<string> Parsers =
    [
        "System.Number", "System.ParseNumbers", "System.Convert", "System.DateTimeParse",
        "System.Globalization.TimeSpanParse", "System.Guid", "System.Enum", "System.Boolean", "System.Int32",
        "System.Int64", "System.Double", "System.Decimal", "System.DateTime", "System.DateOnly",
        "System.DateTimeOffset", "System.TimeSpan",
    ];

    private static readonly HashSet<string> Calendar =
    [
        "System.DateTime", "System.DateOnly", "System.DateTimeOffset", "System.TimeSpan",
        "System.Globalization.Calendar",
    ];

    /// <summary>Whether the first frame that is not a throw helper is in one of <paramref name="types"/>.</summary>
    private static bool ThrownBy(Exception e, HashSet<string> types)
    {
        var thrower = new System.Diagnostics.StackTrace(e).GetFrames().Select(f => f.GetMethod()?.DeclaringType)
            .FirstOrDefault(t => t is not null && t.Name != "ThrowHelper" && !typeof(Exception).IsAssignableFrom(t));
        return thrower?.FullName is { } name && types.Contains(name);
    }

    /// <summary>
    /// The body field a JSON error is about, named as the client wrote it (`on`, `items[2].score`); `body` when the
    /// document itself is not JSON. A missing required property is named from the message, its path being the object.
    /// </summary>
    internal static string JsonField(JsonException json)
    {
        if (MissingRequired().Match(json.Message) is { Success: true } missing) return missing.Groups[1].Value;
        return json.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : "body";
    }

    // System.Text.Json appends "Path: … | LineNumber: …" and names CLR types; the client wants the field and the reason.
    private static string JsonMessage(JsonException json)
    {
        var field = JsonField(json);
        if (MissingRequired().IsMatch(json.Message)) return $"{field} is required";
        if (field == "body") return "the request body is not valid JSON";
        var type = ConvertTarget().Match(json.Message) is { Success: true } m ? m.Groups[1].Value : null;
        return type is null ? $"the value of {field} is not valid" : $"the value of {field} is not a valid {Friendly(type)}";
    }

    private static string Friendly(string clrType) => clrType.Replace("System.Nullable`1[", "").TrimEnd(']') switch
    {
        var t when t.EndsWith("DateOnly", StringComparison.Ordinal) => "date (yyyy-MM-dd)",
        var t when t.EndsWith("DateTime", StringComparison.Ordinal) || t.EndsWith("DateTimeOffset", StringComparison.Ordinal) => "timestamp (ISO 8601)",
        var t when t.EndsWith("Int32", StringComparison.Ordinal) || t.EndsWith("Int64", StringComparison.Ordinal) => "whole number",
        var t when t.EndsWith("Double", StringComparison.Ordinal) || t.EndsWith("Decimal", StringComparison.Ordinal) => "number",
        var t when t.EndsWith("Boolean", StringComparison.Ordinal) => "true or false",
        var t when t.EndsWith("String", StringComparison.Ordinal) => "text",
        _ => "value",
    };

    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;

    [GeneratedRegex("missing required properties including: '([^']+)'")]
    private static partial Regex MissingRequired();

    [GeneratedRegex("could not be converted to ([\\w.`\\[\\], =]+?)\\. Path")]
    private static partial Regex ConvertTarget();

    [GeneratedRegex("parameter \"[^\"]*?(\\w+)\" from \"(.*)\"")]
    private static partial Regex BindFailure();
}
