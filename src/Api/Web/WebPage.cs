using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Analytics.Api.Web;

/// <summary>
/// A page that shows what an API handler answered: the answer, or its field errors (400) or refusal (403, 404) with the
/// same status, so a page can never show what the API would not.
/// </summary>
internal abstract class WebPage : PageModel
{
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Refused { get; private set; }
    public WebText T => WebText.Of(HttpContext);

    /// <summary>A page's own parameter at fault (a month that is none): a 400 naming it, as the API answers.</summary>
    protected void Invalid(IDictionary<string, string[]> errors)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    protected TAnswer? Take<TAnswer>(IResult result) where TAnswer : class
    {
        switch (result is INestedHttpResult nested ? nested.Result : result)
        {
            case Ok<TAnswer> ok:
                return ok.Value;
            case Created<TAnswer> created:
                return created.Value;
            case ValidationProblem invalid:
                Errors = invalid.ProblemDetails.Errors;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return null;
            case ProblemHttpResult problem:
                Refused = problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title;
                Response.StatusCode = problem.StatusCode;
                return null;
            case Microsoft.AspNetCore.Http.HttpResults.NotFound:
                Refused = T["notfound"];
                Response.StatusCode = StatusCodes.Status404NotFound;
                return null;
            default:
                return null;
        }
    }
}
