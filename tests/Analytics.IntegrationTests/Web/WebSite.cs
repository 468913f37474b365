using Analytics.Access;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.IntegrationTests.Web;

/// <summary>
/// The real host on a real port (a browser must reach it) over a seeded test database, signing people in with a test
/// OpenID provider. Its people: a quality manager, an analyst, a team lead of T1 and the agent A1.
/// </summary>
public sealed class WebSite : IAsyncLifetime
{
    public static readonly TestPerson Quality = new("qm", "Quinty Manager", ["g-quality"]);
    public static readonly TestPerson Analyst = new("an", "Ali Analyst", ["g-analysts"]);
    public static readonly TestPerson Lead = new("tl", "Tess Lead", ["g-leads-noord"]);
    public static readonly TestPerson Agent = new("ag", "Anna Agent", ["g-agents"], "A1");
    public static readonly TestPerson Nobody = new("nb", "Niels Nobody", ["g-unmapped"]);
    public static readonly TestPerson Admin = new("ad", "Ada Admin", ["g-admins"]);

    private readonly TestDatabase _db = new();
    public OpenIdProvider Provider { get; private set; } = null!;
    public ApiHost Host { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        Provider = await OpenIdProvider.StartAsync([Quality, Analyst, Lead, Agent, Nobody, Admin]);
        Host = new ApiHost(_db, settings: new Dictionary<string, string?>
        {
            ["Web:OpenIdConnect:Authority"] = Provider.Authority,
            ["Web:OpenIdConnect:RequireHttpsMetadata"] = "false",
            ["Web:OpenIdConnect:ClientId"] = OpenIdProvider.ClientId,
            ["Web:OpenIdConnect:ClientSecret"] = OpenIdProvider.ClientSecret,
            ["Web:OpenIdConnect:Groups:g-quality:Role"] = Roles.QualityManager,
            ["Web:OpenIdConnect:Groups:g-analysts:Role"] = Roles.Analyst,
            ["Web:OpenIdConnect:Groups:g-leads-noord:Role"] = Roles.TeamLead,
            ["Web:OpenIdConnect:Groups:g-leads-noord:Teams:0"] = "T1",
            ["Web:OpenIdConnect:Groups:g-agents:Role"] = Roles.Agent,
            ["Web:OpenIdConnect:Groups:g-admins:Role"] = Roles.Admin,
        });
        Host.UseKestrel(0);
        Host.StartServer();
        var address = Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
        await Fixtures.LoadAllAsync(Host.Service<IngestService>());
    }

    public Uri Url(string pathAndQuery) => new(Address, pathAndQuery);

    /// <summary>
    /// A client signed in as this person through the provider's pages, as a browser without JavaScript would: follow
    /// the redirects, press the person's button on the provider's page, follow the redirects back.
    /// </summary>
    public async Task<(HttpClient Client, HttpResponseMessage Page)> SignInAsync(TestPerson person, string path)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() });
        var login = await client.GetAsync(Url(path));
        var form = await login.Content.ReadAsStringAsync();
        Assert.Contains("Test provider", form);
        var fields = System.Text.RegularExpressions.Regex.Matches(form, "<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")
            .Select(m => KeyValuePair.Create(System.Net.WebUtility.HtmlDecode(m.Groups[1].Value),
                System.Net.WebUtility.HtmlDecode(m.Groups[2].Value)))
            .Append(KeyValuePair.Create("login", person.Login));
        var page = await client.PostAsync(login.RequestMessage!.RequestUri, new FormUrlEncodedContent(fields));
        return (client, page);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Provider.DisposeAsync();
        await _db.DisposeAsync();
    }
}
