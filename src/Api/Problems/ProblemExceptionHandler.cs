using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Analytics.Api.Problems;

/// <summary>A request error that names the parameter at fault; answered as RFC 7807 with status 400.</summary>
internal sealed class BadParameterException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}

internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is BadHttpRequestException or BadParameterException)
        {
            // Minimal APIs say `Failed to bind parameter "int? limit" from "abc"`: name the parameter like every other 400 does.
            var bound = System.Text.RegularExpressions.Regex.Match(exception.Message, "parameter \"[^\"]*?(\\w+)\" from \"(.*)\"");
            var parameter = (exception as BadParameterException)?.Parameter ?? (bound.Success ? bound.Groups[1].Value : null);
            var message = bound.Success && exception is BadHttpRequestException
                ? $"'{(bound.Groups[2].Value is { Length: > 40 } v ? v[..40] + "…" : bound.Groups[2].Value)}' is not a valid value for {bound.Groups[1].Value}"
                : exception.Message;
            // A binding failure keeps its own status (415 for a wrong content type, 413 for too large a body).
            var status = exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
            http.Response.StatusCode = status;
            var details = new ProblemDetails { Status = status, Title = status == 400 ? "Bad request" : "Request not accepted", Detail = message };
            if (parameter is not null) details.Extensions["errors"] = new Dictionary<string, string[]> { [parameter] = [message] };
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
        }
        log.LogError(exception, "Unhandled error for {Method} {Path}", http.Request.Method, http.Request.Path);
        return false;
    }
}
