using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Analytics.Api.Web.Pages;

/// <summary>Ends the page session here (the provider's own session is the provider's).</summary>
internal sealed class SignOutModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(WebSignIn.CookieScheme);
        return Redirect("/web/sign-in?out=true");
    }
}
