namespace Analytics.Api.Problems;

/// <summary>
/// One check for every endpoint: no query value carries control characters. None is meaningful in a filter, a code or a
/// date, and PostgreSQL refuses a NUL in text outright, so a NUL in `team=` or `queue=` used to end in a 500.
/// </summary>
internal sealed class QueryGuard : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var (name, values) in context.HttpContext.Request.Query)
        {
            if (!values.Any(v => v is not null && v.Any(char.IsControl))) continue;
            errors ??= [];
            errors[name] = ["control characters are not allowed in a query value"];
        }
        return errors is null ? next(context) : ValueTask.FromResult<object?>(TypedResults.ValidationProblem(errors));
    }
}
