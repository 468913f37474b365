using Analytics.Api.Access;
using Analytics.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Web.Pages;

/// <summary>
/// Sends the person to the organisation's OpenID provider, and back to the page they asked for; where Web:KeySignIn is
/// on (the demo), it also takes an API key in a POST form (never in a URL) and signs its holder in as that key.
/// </summary>
[AllowAnonymous]
internal sealed class SignInModel(IOptions<WebSignInOptions> oidc, IOptions<WebOptions> web) : PageModel
{
    public bool Enabled => oidc.Value.Enabled;
    public bool KeySignIn => web.Value.KeySignIn;
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Refused { get; private set; }

    /// <param name="out">Just signed out: ask before going back to the provider, which may still know the person.</param>
    /// <param name="provider">With key sign-in on, the page offers both ways; "oidc" chooses the provider.</param>
    public IActionResult OnGet(bool @out, string? provider)
    {
        if (!Enabled || @out || KeySignIn && provider != "oidc") return Page();
        return Challenge(new AuthenticationProperties { RedirectUri = Back() }, WebSignIn.OidcScheme);
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? key, [FromServices] AnalyticsDbContext db,
        [FromServices] AuditLog audit, CancellationToken ct)
    {
        if (!KeySignIn) return NotFound();
        var (person, found) = await WebKeySignIn.CheckAsync(key, db, ct);
        if (person is null)
        {
            // Refused attempts are audited as the dashboard's are; the anonymous rate limit (per address) bounds
            // guessing.
            await audit.RecordAsync(HttpContext, StatusCodes.Status403Forbidden, ct, keyId: found?.Id,
                role: found?.Role ?? "anonymous", detail: "web sign-in with a key");
            Refused = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        await audit.RecordAsync(HttpContext, StatusCodes.Status303SeeOther, ct, keyId: found!.Id, role: found.Role,
            detail: "web sign-in with a key");
        await HttpContext.SignInAsync(WebSignIn.CookieScheme, person);
        return Redirect(Back());
    }

    // Only back into the pages: an open redirect would lend our address to someone else's phishing.
    private string Back() =>
        ReturnUrl is { } r && Url.IsLocalUrl(r) && r.StartsWith("/web", StringComparison.Ordinal) ? r : "/web";
}
