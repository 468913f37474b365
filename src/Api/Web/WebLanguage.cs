using System.Globalization;
using Analytics.Reports;

namespace Analytics.Api.Web;

/// <summary>
/// Dutch unless asked otherwise: ?lang=en (or nl) switches and is remembered in a cookie for a year. The request's
/// culture becomes nl-NL or en-GB, so numbers and dates on the pages read as in the PDF reports.
/// </summary>
internal static class WebLanguage
{
    private const string Cookie = "analytics_lang";
    private const string Item = "web-language";

    public static ReportLanguage Of(HttpContext http) => http.Items[Item] as ReportLanguage ?? ReportLanguage.Nl;

    public static IApplicationBuilder UseWebLanguage(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (WebSignIn.IsWeb(http.Request.Path))
        {
            var asked = http.Request.Query["lang"].ToString();
            var lang = asked is "nl" or "en" ? asked : http.Request.Cookies[Cookie];
            var language = lang == "en" ? ReportLanguage.En : ReportLanguage.Nl;
            if (asked is "nl" or "en")
                http.Response.Cookies.Append(Cookie, asked, new CookieOptions
                {
                    Path = "/web", MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true,
                    Secure = http.Request.IsHttps,
                });
            http.Items[Item] = language;
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = language.Culture;
        }
        await next(http);
    });
}
