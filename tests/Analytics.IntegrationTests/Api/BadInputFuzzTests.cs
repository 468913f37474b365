using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Api;

/// <summary>
/// Issue #14: bad input is never a 500. Every GET operation of the OpenAPI document gets garbage in one query parameter
/// at a time while the others keep sensible values; each answer must be below 500, and each 4xx a problem document that
/// names the parameter. New endpoints and parameters are covered as soon as they appear in the document.
/// </summary>
public sealed class BadInputFuzzTests : SeededApiTests
{
    // Enough values per parameter to hit each kind of garbage the parameter's shape invites, few enough to stay fast.
    private const int ValuesPerParameter = 14;

    // So many requests would trip the per-key rate limit (an honest 429, but not what this test is about).
    protected override IDictionary<string, string?>? Settings =>
        new Dictionary<string, string?> { ["Api:RateLimitPerMinute"] = "1000000" };

    private static readonly Dictionary<string, string> PathValues = new()
    {
        ["type"] = "nps", ["kind"] = "reasons", ["code"] = "ZZZ", ["id"] = "1", ["name"] = "ranking",
    };

    private static readonly string[] Dates = ["0001-01-01", "9999-12-31", "99999-01-01", "2026-02-30", "1899-12-31"];
    private static readonly string[] Numbers =
        ["2147483648", "-9223372036854775809", "1e309", "NaN", "-1", "0", "99999999999999999999"];

    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    private static readonly string[] Cursors =
    [
        B64("{\"after\":"), B64("-started|99999-01-01T00:00:00Z|1"), B64("-started|9999-12-31T23:59:59.9999999Z|1"),
        B64("-started|0001-01-01T00:00:00Z|99999999999999999999"), B64("-started|2026-01-01|-1"),
        "a9223372036854775808", "a-1", "9223372036854775807", "%%%", B64("wait|2147483648|1"),
    ];

    private static readonly string[] General =
    [
        new string('x', 10_000), "\u0000", "a\r\nb", "\u001b[31m", "", " ", "' OR 1=1 --", "1; DROP TABLE contacts",
        "../../etc/passwd", "..\\..\\windows", "%00", "🙂", "null", "[]", "{}", "true", "-", "nps,ces", "day,week",
    ];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Target 1 exists, so /targets/{id}/progress reaches its asOf instead of a 404.
        var target = await Http.PostAsJsonAsync("/api/v1/targets", new
        {
            name = "NPS up", metric = "nps", startDate = "2026-01-01", startValue = -10.0,
            dueDate = "2026-09-30", targetValue = 20.0,
        });
        target.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task NoGetParameterAnswersGarbageWithAServerErrorOrAnUnnamedProblem()
    {
        var document = JsonDocument.Parse(await Http.GetStringAsync("/openapi/v1.json")).RootElement;
        var random = new Random(14);
        var failures = new List<string>();
        var requests = 0;
        foreach (var (template, get) in GetOperations(document))
        {
            var parameters = get.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray().ToList() : [];
            var path = PathValues.Aggregate(template, (p, kv) => p.Replace("{" + kv.Key + "}", kv.Value));
            var names = parameters.Where(p => p.GetProperty("in").GetString() == "query")
                .Select(p => p.GetProperty("name").GetString()!).ToList();
            foreach (var name in names)
            {
                foreach (var value in ValuesFor(name, random))
                {
                    var query = Sensible(names, name).Append($"{name}={Uri.EscapeDataString(value)}");
                    var url = $"{path}?{string.Join("&", query)}";
                    requests++;
                    if (await CheckAsync(url, name) is { } failure) failures.Add($"{Shorten(url)} -> {failure}");
                }
            }
        }
        Assert.True(requests > 500, $"only {requests} requests: did the OpenAPI document lose its operations?");
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {requests} requests failed:\n{string.Join("\n", failures)}");
    }

    [Fact]
    public async Task NoJsonBodyAnswersAWrongFieldWithAServerErrorOrAnUnnamedProblem()
    {
        var document = JsonDocument.Parse(await Http.GetStringAsync("/openapi/v1.json")).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var failures = new List<string>();
        var requests = 0;
        foreach (var (method, template, schema) in BodyOperations(document))
        {
            var path = PathValues.Aggregate(template, (p, kv) => p.Replace("{" + kv.Key + "}", kv.Value));
            // A document that is not JSON at all names the body.
            requests++;
            if (await CheckBodyAsync(method, path, "{\"", "body") is { } broken) failures.Add($"{method} {path} '{{\"' -> {broken}");
            if (Resolve(schema, schemas) is not { } body || !body.TryGetProperty("properties", out var properties)) continue;
            foreach (var property in properties.EnumerateObject())
            {
                // A value of the wrong JSON kind for the property: binding fails on it, the handler never runs.
                var wrong = WrongValueFor(Resolve(property.Value, schemas) ?? property.Value);
                requests++;
                var json = $"{{\"{property.Name}\":{wrong}}}";
                if (await CheckBodyAsync(method, path, json, property.Name) is { } failure)
                    failures.Add($"{method} {path} {json} -> {failure}");
            }
        }
        Assert.True(requests > 20, $"only {requests} requests: did the OpenAPI document lose its request bodies?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} bodies failed:\n{string.Join("\n", failures)}");
    }

    private static IEnumerable<(HttpMethod Method, string Path, JsonElement Schema)> BodyOperations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        foreach (var op in path.Value.EnumerateObject())
        {
            if (op.Name is not ("post" or "put" or "patch") || !path.Name.StartsWith("/api/", StringComparison.Ordinal)) continue;
            if (op.Value.TryGetProperty("requestBody", out var requestBody)
                && requestBody.GetProperty("content").TryGetProperty("application/json", out var content))
                yield return (new HttpMethod(op.Name.ToUpperInvariant()), path.Name, content.GetProperty("schema"));
        }
    }

    /// <summary>The object schema behind a `$ref` or a nullable `oneOf`; null for anything else.</summary>
    private static JsonElement? Resolve(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out var reference))
            return schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        if (schema.TryGetProperty("oneOf", out var oneOf))
            return oneOf.EnumerateArray().Select(s => Resolve(s, schemas)).FirstOrDefault(s => s is not null);
        return schema.TryGetProperty("properties", out _) ? schema : null;
    }

    private static string WrongValueFor(JsonElement schema)
    {
        var types = !schema.TryGetProperty("type", out var type) ? ["object"]
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray()
            : [type.GetString()!];
        if (types.Contains("string")) return schema.TryGetProperty("format", out _) ? "\"gisteren\"" : "{}";
        if (types.Contains("integer") || types.Contains("number")) return "\"veel\"";
        if (types.Contains("boolean")) return "\"ja\"";
        return types.Contains("array") ? "{}" : "[1]";
    }

    private async Task<string?> CheckBodyAsync(HttpMethod method, string path, string json, string field)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        using var response = await Http.SendAsync(request);
        return await ProblemFailureAsync(response, field, strict: true);
    }

    [Theory]
    [InlineData("wait", "wait|2147483648|1")]
    [InlineData("wait", "wait|abc|1")]
    [InlineData("-talk", "-talk|-9223372036854775809|1")]
    [InlineData("started", "started|99999-01-01T00:00:00Z|1")]
    [InlineData("-started", "-started|not a date|1")]
    [InlineData("-started", "-started|2026-01-01T00:00:00Z|99999999999999999999")]
    public async Task AForgedContactCursorIsRefusedNamingCursor(string sort, string cursor)
    {
        var url = "/api/v1/contacts?from=2026-01-01&to=2026-03-31"
                  + $"&sort={sort}&cursor={Uri.EscapeDataString(B64(cursor))}";
        var failure = await CheckAsync(url, "cursor");
        Assert.Null(failure);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await Http.GetAsync(url)).StatusCode);
    }

    private static IEnumerable<(string Path, JsonElement Get)> GetOperations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
            if (path.Value.TryGetProperty("get", out var get)
                && path.Name.StartsWith("/api/", StringComparison.Ordinal))
                yield return (path.Name, get);
    }

    /// <summary>The other parameters of the operation: a period that holds data, nothing else.</summary>
    private static IEnumerable<string> Sensible(List<string> names, string fuzzed)
    {
        if (fuzzed != "from" && names.Contains("from")) yield return "from=2026-01-01";
        if (fuzzed != "to" && names.Contains("to")) yield return "to=2026-01-31";
    }

    /// <summary>The garbage that fits the parameter's name first, then a fixed-seed sample of the rest.</summary>
    private static IEnumerable<string> ValuesFor(string name, Random random)
    {
        IEnumerable<string> first = name.ToLowerInvariant() switch
        {
            "from" or "to" or "asof" => Dates,
            "cursor" => Cursors,
            "limit" or "days" or "lookback" or "servicelevelseconds" => Numbers,
            _ => [],
        };
        var rest = General.Concat(Dates).Concat(Numbers).Concat(Cursors).Except(first).OrderBy(_ => random.Next());
        return first.Concat(rest).Take(ValuesPerParameter).ToList();
    }

    /// <summary>Null when the answer is acceptable, else what is wrong with it.</summary>
    private async Task<string?> CheckAsync(string url, string parameter)
    {
        using var response = await Http.GetAsync(url);
        return await ProblemFailureAsync(response, parameter);
    }

    /// <summary>Null when the answer is acceptable; <paramref name="strict"/> wants the field in `errors`, not only in the text.</summary>
    private static async Task<string?> ProblemFailureAsync(HttpResponseMessage response, string parameter, bool strict = false)
    {
        var status = (int)response.StatusCode;
        if (status < 400) return null;
        var body = await response.Content.ReadAsStringAsync();
        if (status >= 500) return $"{status} {Shorten(body)}";
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, "
                   + "not a problem document";
        if (status == 404) return null;
        using var problem = JsonDocument.Parse(body);
        var named = problem.RootElement.TryGetProperty("errors", out var errors)
            && errors.ValueKind == JsonValueKind.Object
            && errors.EnumerateObject().Any(e => e.Name.Equals(parameter, StringComparison.OrdinalIgnoreCase));
        var detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";
        return named || (!strict && detail.Contains(parameter, StringComparison.OrdinalIgnoreCase))
            ? null : $"{status} does not name '{parameter}': {Shorten(body)}";
    }

    private static string Shorten(string s) => s.Length <= 300 ? s : s[..300] + "…";
}
