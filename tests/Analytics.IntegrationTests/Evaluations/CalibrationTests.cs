using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Evaluations;

/// <summary>
/// Three quality managers score K1 and K2 in session "maart"; agreement and bias are computed by hand below.
/// Every item is the same for everyone except geruststellen (yes-no) and juist (scale 1–5).
/// </summary>
public sealed class CalibrationTests : SeededApiTests
{
    private async Task<HttpClient> EvaluatorAsync(string name)
    {
        await using var db = Db.NewDbContext();
        var (key, hash, prefix) = ApiKey.NewKey();
        db.ApiKeys.Add(new ApiKey { Name = name, Role = Roles.QualityManager, Prefix = prefix, Hash = hash, CreatedUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
        var client = Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task ScoreAsync(HttpClient evaluator, string contact, string reassured, int correct)
    {
        var id = await Db.ScalarAsync($"SELECT id FROM contacts WHERE source_id = '{contact}'");
        var started = await evaluator.PostAsJsonAsync("/api/v1/evaluations", new { contactId = id, calibration = "maart" });
        var evaluation = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        object[] answers =
        [
            new { item = "uitpraten", value = "yes" }, new { item = "vragen", value = "yes" },
            new { item = "geruststellen", value = reassured }, new { item = "samenvatten", value = "yes" },
            new { item = "vervolg", value = "na" }, new { item = "eerst-erkennen", value = "yes" },
            new { item = "juist", value = correct.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new { item = "opgelost", value = "yes" }, new { item = "geen-topscore-vragen", value = "yes" },
        ];
        (await evaluator.PutAsJsonAsync($"/api/v1/evaluations/{evaluation}", new { answers, confirm = true })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task AlphaPerItemAndBiasPerEvaluatorMatchTheHandComputedCase()
    {
        using var anouk = await EvaluatorAsync("Anouk");
        using var bram = await EvaluatorAsync("Bram");
        using var carla = await EvaluatorAsync("Carla");
        await ScoreAsync(anouk, "K1", "yes", 4);
        await ScoreAsync(bram, "K1", "yes", 4);
        await ScoreAsync(carla, "K1", "no", 2);
        foreach (var e in new[] { anouk, bram, carla }) await ScoreAsync(e, "K2", "no", 5);
        // An evaluation alone on its contact is no calibration: it counts for nothing here.
        using var dirk = await EvaluatorAsync("Dirk");
        await ScoreAsync(dirk, "K3", "yes", 1);

        var result = await Http.GetFromJsonAsync<JsonElement>("/api/v1/evaluations/calibration?from=2026-03-01&to=2026-03-31&session=maart");
        Assert.Equal(6, result.GetProperty("evaluations").GetInt32());
        var items = result.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("item").GetString()!);
        // geruststellen, nominal: units [1,1,0] [0,0,0]; o10 = o01 = 1, n1 = 2, n0 = 4, n = 6:
        // alpha = 1 - 5 * 2 / (2 * 2 * 4) = 0.375.
        Assert.Equal(0.375, items["geruststellen"].GetProperty("alpha").GetDouble(), 3);
        Assert.Equal((3, 2, 6), (items["geruststellen"].GetProperty("raters").GetInt32(), items["geruststellen"].GetProperty("units").GetInt32(),
            items["geruststellen"].GetProperty("values").GetInt32()));
        // juist, interval: [4,4,2] [5,5,5]: observed 8, expected 82: alpha = 1 - 5 * 8 / 82 = 0.512.
        Assert.Equal(0.512, items["juist"].GetProperty("alpha").GetDouble(), 3);
        // Everyone said yes everywhere: no disagreement expected, alpha undefined; na is no value.
        Assert.Equal(JsonValueKind.Null, items["uitpraten"].GetProperty("alpha").ValueKind);
        Assert.False(items.ContainsKey("vervolg"));

        // Scores (weights 2,2,1,2,na,2,3,3,1 = 16): K1 Anouk and Bram 15.25/16 = 95.3125, Carla 12.75/16 = 79.6875,
        // mean 90.1042; K2 everyone 15/16. Bias = mean difference from the contact's mean: +2.604, +2.604, -5.208.
        var bias = result.GetProperty("evaluators").EnumerateArray()
            .ToDictionary(b => b.GetProperty("evaluator").GetString()!, b => b.GetProperty("bias").GetDouble());
        Assert.Equal(["Anouk", "Bram", "Carla"], bias.Keys);
        Assert.Equal(2.60, bias["Anouk"], 2);
        Assert.Equal(2.60, bias["Bram"], 2);
        Assert.Equal(-5.21, bias["Carla"], 2);
    }
}
