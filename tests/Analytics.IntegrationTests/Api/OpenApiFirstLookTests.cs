using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Analytics.Access;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Api;

/// <summary>One host over one empty database for the whole class, and the document it serves.</summary>
public sealed class OpenApiHostFixture : IAsyncLifetime
{
    public TestDatabase Db { get; } = new();
    public ApiHost Host { get; private set; } = null!;
    public JsonObject Document { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        Host = new ApiHost(Db);
        using var anonymous = Host.CreateClient();
        Document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!.AsObject();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Db.DisposeAsync();
    }

    /// <summary>A key of the given role stored in the test database, sent by nobody yet.</summary>
    public async Task<string> NewKeyAsync(string role)
    {
        await using var db = Db.NewDbContext();
        var (key, hash, prefix) = ApiKey.NewKey();
        db.ApiKeys.Add(new ApiKey
        {
            Name = $"openapi-{role}", Role = role, Prefix = prefix, Hash = hash, CreatedUtc = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        return key;
    }

    public IEnumerable<Operation> Operations() =>
        from path in Document["paths"]!.AsObject()
        from op in path.Value!.AsObject()
        select new Operation(op.Key.ToUpperInvariant(), path.Key, op.Value!.AsObject());
}

public sealed record Operation(string Method, string Path, JsonObject Body)
{
    public string Id => Body["operationId"]?.GetValue<string>() ?? $"{Method} {Path}";
    public JsonArray Security => Body["security"] as JsonArray ?? [];
    public IReadOnlyList<string> Tags => Body["tags"]?.AsArray().Select(t => t!.GetValue<string>()).ToList() ?? [];

    /// <summary>A request that reaches the endpoint: every path parameter is 1, which all constraints accept.</summary>
    public HttpRequestMessage Request() => new(new HttpMethod(Method), Regex.Replace(Path, "{[^}]+}", "1"));
}

/// <summary>
/// Issue #13: an analyst's first look at the API is the Scalar page. It must say what the API is and how to start,
/// declare how a key is sent so "try it" can send one, and list each feature once.
/// </summary>
public sealed class OpenApiFirstLookTests(OpenApiHostFixture api) : IClassFixture<OpenApiHostFixture>
{
    private JsonObject Doc => api.Document;

    [Fact]
    public void TheDocumentDeclaresTheBearerSchemeAndTheApiKeyHeaderScheme()
    {
        var schemes = Doc["components"]?["securitySchemes"]?.AsObject();
        Assert.NotNull(schemes);
        var bearer = schemes["Bearer"]!;
        Assert.Equal(("http", "bearer"), (bearer["type"]!.GetValue<string>(), bearer["scheme"]!.GetValue<string>()));
        var apiKey = schemes["ApiKey"]!;
        Assert.Equal(("apiKey", "header", "X-Api-Key"),
            (apiKey["type"]!.GetValue<string>(), apiKey["in"]!.GetValue<string>(), apiKey["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task OperationsThatAnswer401WithoutAKeyDeclareTheSchemesAndNoOtherDoes()
    {
        var schemes = Doc["components"]!["securitySchemes"]!.AsObject().Select(s => s.Key).Order().ToList();
        using var anonymous = api.Host.CreateClient();
        var (secured, open) = (0, 0);
        foreach (var op in api.Operations())
        {
            using var response = await anonymous.SendAsync(op.Request());
            var needsKey = response.StatusCode == HttpStatusCode.Unauthorized;
            if (needsKey)
            {
                secured++;
                // Either scheme alone will do: one requirement per scheme, each naming it (an empty {} would mean
                // "no key needed" to Scalar and to client generators).
                var named = op.Security.Select(r => Assert.Single(r!.AsObject()).Key).Order().ToList();
                Assert.True(schemes.SequenceEqual(named),
                    $"{op.Id} answers 401 but declares [{string.Join(", ", named)}]");
            }
            else
            {
                open++;
                Assert.True(op.Security.Count == 0,
                    $"{op.Id} answers {(int)response.StatusCode} without a key yet declares security");
            }
        }
        Assert.True(secured > 40, $"only {secured} operations need a key");
        Assert.True(open >= 1, "no anonymous operation (Health) was checked");
    }

    [Fact]
    public async Task OperationsThatNameRolesRefuseAnyOtherRole()
    {
        using var analyst = api.Host.CreateClient();
        var key = await api.NewKeyAsync(Roles.Analyst);
        analyst.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var named = 0;
        foreach (var op in api.Operations())
        {
            var roles = Regex.Match(op.Body["description"]?.GetValue<string>() ?? "", @"Roles: ([^.]+)\.");
            if (!roles.Success || roles.Groups[1].Value.Split(", ").Contains(Roles.Analyst)) continue;
            named++;
            Assert.True(op.Body["responses"]?["403"] is not null, $"{op.Id} names roles but no 403");
            using var response = await analyst.SendAsync(op.Request());
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden,
                $"{op.Id} answered an analyst {(int)response.StatusCode}");
        }
        Assert.True(named >= 8, $"only {named} operations name their roles"); // audit, models, agent-level insights …
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("ApiKey")]
    public async Task TheFirstCurlOfTheIntroductionAnswers200WithAKeySentAsTheSchemeSays(string schemeName)
    {
        var scheme = Doc["components"]!["securitySchemes"]![schemeName]!;
        var key = await api.NewKeyAsync(Roles.Analyst);
        var intro = Doc["info"]!["description"]!.GetValue<string>();
        var firstCurl = Regex.Match(intro, @"""http://127\.0\.0\.1:5080(/[^""]+)""");
        Assert.True(firstCurl.Success, "the introduction has no curl against the local API");
        using var client = api.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, firstCurl.Groups[1].Value);
        // What Scalar does with a scheme: http+bearer sets Authorization, apiKey in a header sets that header.
        if (scheme["type"]!.GetValue<string>() == "http")
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme["scheme"]!.GetValue<string>(), key);
        else
            request.Headers.Add(scheme["name"]!.GetValue<string>(), key);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void TheDocumentHasATitleAVersionAndTheTwoMinuteStart()
    {
        var info = Doc["info"]!;
        Assert.Equal("Analytics API", info["title"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(info["version"]?.GetValue<string>()));
        var intro = info["description"]!.GetValue<string>();
        string[] expected =
            ["out/demo-keys.txt", "out/demo-api-key.txt", "curl ", "Authorization: Bearer", "X-Api-Key"];
        foreach (var text in expected) Assert.Contains(text, intro);
        foreach (var role in Roles.All) Assert.Contains($"| `{role}` |", intro);
    }

    [Fact]
    public void TagsAreUniqueDescribedUsedAndEachOperationHasExactlyOne()
    {
        var tags = Doc["tags"]!.AsArray().Select(t => t!.AsObject()).ToList();
        var names = tags.Select(t => t["name"]!.GetValue<string>()).ToList();
        // Case too: Scalar would show "Models" and "models" as two entries.
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var tag in tags)
            Assert.False(string.IsNullOrWhiteSpace(tag["description"]?.GetValue<string>()),
                $"tag {tag["name"]} has no description");
        var used = new HashSet<string>();
        foreach (var op in api.Operations())
        {
            Assert.True(op.Tags.Count == 1, $"{op.Id} has {op.Tags.Count} tags");
            Assert.Contains(op.Tags[0], names);
            used.Add(op.Tags[0]);
        }
        Assert.Equal(names.Order(), used.Order());
        Assert.Contains("Scorecards", names);
    }

    [Fact]
    public async Task TheScalarPageLoadsTheDocumentPrefersTheBearerSchemeAndNamesSchemasApartFromTags()
    {
        using var anonymous = api.Host.CreateClient();
        using var page = await anonymous.GetAsync("/scalar");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html);
        Assert.Matches(@"""preferredSecurityScheme""\s*:\s*\[?\s*""Bearer""", html);
        Assert.Contains("/scalar-config.js", html);
        Assert.Contains("<title>Analytics API</title>", html);

        using var config = await anonymous.GetAsync("/scalar-config.js");
        Assert.Equal("text/javascript", config.Content.Headers.ContentType?.MediaType);
        var label = Regex.Match(await config.Content.ReadAsStringAsync(), @"modelsSectionLabel:\s*'([^']+)'");
        Assert.True(label.Success, "the Scalar configuration no longer renames its schema section");
        // Scalar's schema section stands in the same navigation as the tags: it must not repeat one.
        var tags = Doc["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>());
        Assert.DoesNotContain(label.Groups[1].Value, tags, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("Models", tags);
    }
}
