using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Web.Pages;

/// <summary>Sends the person to the organisation's OpenID provider, and back to the page they asked for.</summary>
[AllowAnonymous]
internal sealed class SignInModel : PageModel
{
    public bool Enabled { get; private set; }

    /// <param name="out">Just signed out: ask before going back to the provider, which may still know the person.</param>
    public IActionResult OnGet(string? returnUrl, bool @out, [FromServices] IOptions<WebSignInOptions> options)
    {
        Enabled = options.Value.Enabled;
        if (!Enabled || @out) return Page();
        // Only back into the pages: an open redirect would lend our address to someone else's phishing.
        var back = returnUrl is not null && Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith("/web", StringComparison.Ordinal)
            ? returnUrl : "/web";
        return Challenge(new AuthenticationProperties { RedirectUri = back }, WebSignIn.OidcScheme);
    }
}
