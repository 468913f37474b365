using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Analytics.Api.Common;
using Analytics.Ingest.Pipeline;
using Analytics.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Analytics.IntegrationTests.Api;

/// <summary>
/// Every GET endpoint that answers JSON, taken from the OpenAPI document (a new endpoint is checked without being
/// listed here), asked about the fixtures and the sample centre: no number is more precise than the rounding policy
/// allows (docs/decisions/014-rounding.md). p-values keep at most 2 significant digits; any other number at most
/// 3 decimals, or 3 significant digits (odds ratios such as 0.0123).
/// </summary>
public sealed partial class AnswerRoundingTests : SeededApiTests
{
    private readonly Dictionary<string, string> _ids = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SampleCentre.LoadAsync(Host.Service<IngestService>());
        // What the item endpoints need: a target, a report definition, stored alerts, a contact with a transcript and
        // a batch with quarantined rows (the fixtures' survey file has one).
        var target = await Http.PostAsJsonAsync("/api/v1/targets", new
        {
            name = "NPS +20", metric = "nps", startDate = "2026-01-01", startValue = -10, dueDate = "2026-09-30",
            targetValue = 20,
        });
        _ids["target"] = (await target.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").ToString();
        var definition = await Http.PostAsJsonAsync("/api/v1/reports/definitions",
            new { name = "quality monthly", family = "quality", cron = "0 6 1 * *" });
        _ids["definition"] = (await definition.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").ToString();
        var detect = await Http.PostAsync("/api/v1/insights/alerts/detect?from=2026-01-01&to=2026-06-30", null);
        detect.EnsureSuccessStatusCode();
        await using var db = Db.NewDbContext();
        _ids["contact"] = (await db.TranscriptTurns.MinAsync(t => t.ContactId)).ToString(CultureInfo.InvariantCulture);
        _ids["batch"] = (await db.QuarantinedRows.MinAsync(q => q.BatchId)).ToString(CultureInfo.InvariantCulture);
        // A reasons model on the newest notes, scored, for the registry entry and its health (weekly quartiles, p-values).
        var registry = new Analytics.Classification.ModelRegistry(db) { NewestRows = 600 };
        var model = await registry.TrainAndRegisterAsync(Analytics.Classification.ModelKinds.Reasons,
            await registry.ReasonTrainingDataAsync(default), default);
        await registry.ScoreContactsAsync(ct: default);
        _ids["model"] = model.Record.Id.ToString(CultureInfo.InvariantCulture);
        // An evaluation of that contact on the default form (its id is the form's).
        var evaluation = await Http.PostAsJsonAsync("/api/v1/evaluations", new { contactId = long.Parse(_ids["contact"], CultureInfo.InvariantCulture) });
        var created = await evaluation.Content.ReadFromJsonAsync<JsonElement>();
        _ids["evaluation"] = created.GetProperty("id").ToString();
        _ids["form"] = created.GetProperty("formId").ToString();
        // A coaching session with enough of the samples around it for an estimated effect.
        var session = await Http.PostAsJsonAsync("/api/v1/coaching/sessions",
            new { agent = "A004", subSkill = "summary", heldOn = "2026-04-01", agreedActions = "samenvatten" });
        _ids["session"] = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").ToString();
    }

    [Fact]
    public async Task NoNumberInAnyJsonAnswerIsMorePreciseThanThePolicy()
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var urls = Urls(await Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json"), failures).ToList();
        Assert.True(urls.Count >= 30, $"only {urls.Count} requests built from the OpenAPI document");
        // /me answers an agent's own key only (an admin's has no agent: 404); A1 is an agent of the fixtures.
        using var agent = await Host.ClientAsync(Analytics.Access.Roles.Agent, agent: "A1");
        foreach (var url in urls)
        {
            var response = await (url.StartsWith("/api/v1/me/", StringComparison.Ordinal) ? agent : Http).GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"GET {url} answered {(int)response.StatusCode}");
                continue;
            }
            var numbers = new List<(string Path, string Name, string Literal)>();
            Walk(await response.Content.ReadFromJsonAsync<JsonElement>(), "$", "", numbers);
            foreach (var (path, name, literal) in numbers)
            {
                seen.Add(name);
                if (Violation(name, literal) is { } why) failures.Add($"GET {url} {path} = {literal}: {why}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} problems:\n" + string.Join("\n", failures.Take(40)));
        // The data must reach the figures that need rounding, or the sweep proves nothing.
        Assert.Superset(new HashSet<string> { "p", "beta", "oddsRatio", "value", "weight", "averageHandleTimeSeconds",
            "expectedPromoters", "meanWordsPerMinute", "sharePercent", "baselineMean", "trendPerMonth" }, seen);
    }

    [Fact]
    public async Task EveryNumberTheApiDescribesHasARoundingRule()
    {
        var document = await Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var unnamed = (from schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject()
                       where schema.Value.TryGetProperty("properties", out _)
                       from property in schema.Value.GetProperty("properties").EnumerateObject()
                       where IsNumber(property.Value) && !NumberPolicy.Names.Contains(property.Name)
                       select $"{schema.Name}.{property.Name}").ToList();
        Assert.True(unnamed.Count == 0, "give these a rule in NumberPolicy: " + string.Join(", ", unnamed));
    }

    [Theory]
    [InlineData("66.66666666666666", 16, 14)]
    [InlineData("5.846104392779077E-19", 16, 34)]
    [InlineData("5.8E-19", 2, 20)]
    [InlineData("0.0123", 3, 4)]
    [InlineData("1230", 3, 0)]
    [InlineData("-33.33", 4, 2)]
    [InlineData("1.5E+20", 2, 0)]
    [InlineData("0", 0, 0)]
    public void PrecisionIsReadFromTheNumberAsWritten(string literal, int significant, int decimals) =>
        Assert.Equal((significant, decimals), Precision(literal));

    private static string? Violation(string name, string literal)
    {
        var (significant, decimals) = Precision(literal);
        if (name == "p") return significant <= 2 ? null : "a p-value has at most 2 significant digits";
        return decimals <= 3 || significant <= 3 ? null : "at most 3 decimals, or 3 significant digits";
    }

    /// <summary>Significant digits and decimals of a number as written: 5.8E-19 is (2, 20), 1230 is (3, 0).</summary>
    private static (int Significant, int Decimals) Precision(string literal)
    {
        var text = literal.TrimStart('-');
        var exponent = 0;
        if (text.IndexOfAny(['e', 'E']) is var e and >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var point = text.IndexOf('.');
        var fraction = point < 0 ? "" : text[(point + 1)..].TrimEnd('0');
        var digits = ((point < 0 ? text : text[..point]) + fraction).TrimStart('0').TrimEnd('0');
        return (digits.Length, Math.Max(0, fraction.Length - exponent));
    }

    private static bool IsNumber(JsonElement schema) =>
        schema.TryGetProperty("format", out var f) && f.GetString() is "double" or "float"
        || schema.TryGetProperty("type", out var t) && t.ToString().Contains("number", StringComparison.Ordinal);

    private static void Walk(JsonElement e, string path, string name, List<(string, string, string)> numbers)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject()) Walk(p.Value, $"{path}.{p.Name}", p.Name, numbers);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray()) Walk(item, $"{path}[{i++}]", name, numbers);
                break;
            case JsonValueKind.Number:
                numbers.Add((path, name, e.GetRawText()));
                break;
        }
    }

    /// <summary>
    /// One request per JSON GET operation with its dates set, and one more with the widest split it takes (per agent,
    /// per month) where it has one; {type} is asked for each survey type.
    /// </summary>
    private IEnumerable<string> Urls(JsonElement document, List<string> failures)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out var get) || !AnswersJson(get)) continue;
            var query = get.TryGetProperty("parameters", out var ps)
                ? ps.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query")
                    .Select(p => p.GetProperty("name").GetString()!).ToHashSet()
                : [];
            var plain = Query(query, Plain);
            var split = Query(query, Plain.Concat(Split));
            foreach (var route in RouteValues(path.Name, failures))
            foreach (var q in plain == split ? new[] { plain } : [plain, split])
                yield return route + (q.Length > 0 ? "?" + q : "");
        }
    }

    // The samples' last month: a calendar month is what dashboards ask, and it keeps the sweep quick on two cores.
    private static readonly (string Name, string Value)[] Plain =
        [("from", "2026-06-01"), ("to", "2026-06-30"), ("asOf", "2026-06-30")];
    private static readonly (string Name, string Value)[] Split =
        [("groupBy", "agent"), ("interval", "month"), ("byMonth", "true"), ("type", "ces")];

    private static string Query(HashSet<string> accepted, IEnumerable<(string Name, string Value)> values) =>
        string.Join("&", values.Where(v => accepted.Contains(v.Name)).Select(v => $"{v.Name}={v.Value}"));

    private static bool AnswersJson(JsonElement operation) =>
        operation.GetProperty("responses").TryGetProperty("200", out var ok) && ok.TryGetProperty("content", out var c)
        && c.TryGetProperty("application/json", out _);

    private IEnumerable<string> RouteValues(string template, List<string> failures)
    {
        var urls = new List<string> { template };
        foreach (Match m in RouteParameter().Matches(template))
        {
            string[] values = (m.Groups[1].Value, template) switch
            {
                ("type", _) => ["nps", "ces", "csat"],
                ("code", var t) when t.StartsWith("/api/v1/agents/", StringComparison.Ordinal) => ["A039"],
                ("code", var t) when t.StartsWith("/api/v1/teams/", StringComparison.Ordinal) => ["T5"],
                ("id", var t) when t.Contains("/contacts/", StringComparison.Ordinal) => [_ids["contact"]],
                ("id", var t) when t.StartsWith("/api/v1/ingest/batches/", StringComparison.Ordinal) => [_ids["batch"]],
                ("id", var t) when t.StartsWith("/api/v1/reports/definitions/", StringComparison.Ordinal)
                    => [_ids["definition"]],
                ("id", var t) when t.StartsWith("/api/v1/targets/", StringComparison.Ordinal) => [_ids["target"]],
                ("id", var t) when t.StartsWith("/api/v1/models/", StringComparison.Ordinal) => [_ids["model"]],
                ("id", var t) when t.StartsWith("/api/v1/evaluations/", StringComparison.Ordinal) => [_ids["evaluation"]],
                ("id", var t) when t.StartsWith("/api/v1/coaching/sessions/", StringComparison.Ordinal) => [_ids["session"]],
                ("id", var t) when t.StartsWith("/api/v1/evaluation-forms/", StringComparison.Ordinal) => [_ids["form"]],
                _ => [],
            };
            if (values.Length == 0) failures.Add($"no sample value for {m.Value} in {template}: add one to this test");
            urls = [.. urls.SelectMany(u => values.Select(v => u.Replace(m.Value, v, StringComparison.Ordinal)))];
        }
        return urls;
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex RouteParameter();
}
