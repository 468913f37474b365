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
            var parameter = (exception as BadParameterException)?.Parameter;
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            var details = new ProblemDetails { Status = 400, Title = "Bad request", Detail = exception.Message };
            if (parameter is not null) details.Extensions["errors"] = new Dictionary<string, string[]> { [parameter] = [exception.Message] };
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
        }
        log.LogError(exception, "Unhandled error for {Method} {Path}", http.Request.Method, http.Request.Path);
        return false;
    }
}
