using System.Reflection;
using Analytics.Api.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Analytics.Api.Web;

/// <summary>
/// The API route whose row of the access matrix a page (or one of its handlers) follows: a page shows what that route
/// answers, so the same roles may open it and it is audited alike.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
internal sealed class AccessAsAttribute(string apiRoute) : Attribute
{
    public string ApiRoute { get; } = apiRoute;
}

/// <summary>
/// A page of the admin's workspace (data and models): only admins open it, whatever the rows of the routes it shows
/// allow (an analyst may list batches through the API, but the page around them is where data is fixed).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class AdminPageAttribute : Attribute;

/// <summary>
/// Every page's gate: its access-matrix row decides who may open it; someone else gets the "not for your role" page with
/// a 403, audited when the row is. Pages without a row (start, sign-in) only need a signed-in person.
/// </summary>
internal sealed class WebAccessFilter(AuditLog audit) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var page = context.HandlerInstance.GetType();
        var rule = RuleOf(page, context.HandlerMethod?.MethodInfo);
        if (rule is null) { await next(); return; }
        var http = context.HttpContext;
        // Who it was: a person has no key id, so the audit entry names them.
        http.Items[AuditLog.DetailItem] = "web: " + http.User.Identity?.Name;
        var adminOnly = page.GetCustomAttribute<AdminPageAttribute>() is not null;
        var refusedBy = !rule.Policy.Roles.Contains(http.User.Role()) ? rule
            : adminOnly && http.User.Role() != Analytics.Access.Roles.Admin ? rule with { Policy = AccessMatrix.Admin }
            : null;
        if (refusedBy is not null)
        {
            if (rule.Audited) await audit.RecordAsync(http, StatusCodes.Status403Forbidden, http.RequestAborted);
            context.Result = Refusal(context, refusedBy);
            return;
        }
        var executed = await next();
        if (rule.Audited)
        {
            var status = executed.Result is IStatusCodeActionResult { StatusCode: { } s } ? s : http.Response.StatusCode;
            await audit.RecordAsync(http, status, http.RequestAborted);
        }
    }

    private static PartialViewResult Refusal(PageHandlerExecutingContext context, AccessMatrix.Rule rule) => new()
    {
        ViewName = "/Web/Pages/Shared/_NotForYourRole.cshtml",
        StatusCode = StatusCodes.Status403Forbidden,
        ViewData = new ViewDataDictionary(new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(),
            context.ModelState) { Model = rule },
    };

    public static AccessMatrix.Rule? RuleOf(Type page, MethodInfo? handler)
    {
        var attribute = handler?.GetCustomAttribute<AccessAsAttribute>() ?? page.GetCustomAttribute<AccessAsAttribute>();
        var route = attribute?.ApiRoute;
        return route is null ? null : AccessMatrix.Rules.GetValueOrDefault(route)
            ?? throw new InvalidOperationException($"{page.Name}: '{route}' has no row in the access matrix");
    }

    /// <summary>Fails the start when a page names a route the matrix does not have (as an API route without a row does).</summary>
    public static void CheckPages()
    {
        foreach (var page in typeof(WebAccessFilter).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel))))
        {
            RuleOf(page, null);
            foreach (var m in page.GetMethods()) RuleOf(page, m);
        }
    }
}
