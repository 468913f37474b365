using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Access;
using Analytics.IntegrationTests.Infrastructure;

namespace Analytics.IntegrationTests.Evaluations;

/// <summary>Forms as data over the real host: the shipped default form, CRUD, and bad forms refused naming the field.</summary>
public sealed class EvaluationFormTests : SeededApiTests
{
    private static object Form(string code, int weight = 2, string kind = "yes-no") => new
    {
        code, nameNl = "Chat", nameEn = "Chat", description = "for chat",
        sections = new[]
        {
            new
            {
                code = "s1", titleNl = "Gedrag", titleEn = "Behaviour",
                items = new object[]
                {
                    new { code = "vragen", textNl = "Stelt open vragen", textEn = "Asks open questions", kind, weight, check = "open_question" },
                    new { code = "juist", textNl = "Juist", textEn = "Correct", kind = "scale", weight = 3, scaleMax = 5, allowNa = true },
                },
            },
        },
    };

    [Fact]
    public async Task TheDutchDefaultFormShipsWithTheFiveBehavioursAndItsChecks()
    {
        var list = await Http.GetFromJsonAsync<JsonElement>("/api/v1/evaluation-forms");
        var standard = Assert.Single(list.EnumerateArray(), f => f.GetProperty("isDefault").GetBoolean());
        Assert.Equal("nl-standaard", standard.GetProperty("code").GetString());
        var form = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/evaluation-forms/{standard.GetProperty("id").GetInt32()}");
        var sections = form.GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(["gedrag", "empathie", "informatie", "oplossing"], sections.Select(s => s.GetProperty("code").GetString()));
        Assert.Equal("The five behaviours", sections[0].GetProperty("titleEn").GetString());
        var items = sections.SelectMany(s => s.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(["uitpraten", "vragen", "geruststellen", "samenvatten", "vervolg"],
            sections[0].GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        Assert.Equal("acknowledged_before_id",
            items.Single(i => i.GetProperty("code").GetString() == "eerst-erkennen").GetProperty("check").GetString());
        Assert.All(items, i => Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("descriptionEn").GetString())));
    }

    [Fact]
    public async Task AFormIsCreatedReadReplacedAndDeleted()
    {
        var created = await Http.PostAsJsonAsync("/api/v1/evaluation-forms", Form("chat"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.PostAsJsonAsync("/api/v1/evaluation-forms", Form("chat"))).StatusCode);

        var replaced = await Http.PutAsJsonAsync($"/api/v1/evaluation-forms/{id}", Form("chat-2", weight: 5));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var read = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/evaluation-forms/{id}");
        Assert.Equal("chat-2", read.GetProperty("code").GetString());
        Assert.Equal(5, read.GetProperty("sections")[0].GetProperty("items")[0].GetProperty("weight").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/v1/evaluation-forms/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/api/v1/evaluation-forms/{id}")).StatusCode);
    }

    [Theory]
    [InlineData(0, "yes-no", "sections[0].items[0].weight")]
    [InlineData(2, "stars", "sections[0].items[0].kind")]
    public async Task ABadFormIsRefusedNamingTheField(int weight, string kind, string field)
    {
        var response = await Http.PostAsJsonAsync("/api/v1/evaluation-forms", Form("bad", weight, kind));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task ANullSectionIsABadRequestNotAFault()
    {
        using var body = new StringContent("""{"code":"x","nameNl":"x","nameEn":"x","sections":[null]}""",
            System.Text.Encoding.UTF8, "application/json");
        var response = await Http.PostAsync("/api/v1/evaluation-forms", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("sections[0]", out _));
    }

    [Fact]
    public async Task TheDefaultFormAndFormsInUseStayAndOnlyQualityRolesEditForms()
    {
        var list = await Http.GetFromJsonAsync<JsonElement>("/api/v1/evaluation-forms");
        var id = list.EnumerateArray().Single(f => f.GetProperty("isDefault").GetBoolean()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Conflict, (await Http.DeleteAsync($"/api/v1/evaluation-forms/{id}")).StatusCode);

        var created = await Http.PostAsJsonAsync("/api/v1/evaluation-forms", Form("in-use"));
        var formId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var contact = await Db.ScalarAsync("SELECT id FROM contacts WHERE source_id = 'K1'");
        (await Http.PostAsJsonAsync("/api/v1/evaluations", new { contactId = contact, formId })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Conflict, (await Http.PutAsJsonAsync($"/api/v1/evaluation-forms/{formId}", Form("in-use"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Http.DeleteAsync($"/api/v1/evaluation-forms/{formId}")).StatusCode);

        using var lead = await Host.ClientAsync(Roles.TeamLead, teams: ["T1"]);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync("/api/v1/evaluation-forms")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.PostAsJsonAsync("/api/v1/evaluation-forms", Form("lead"))).StatusCode);
    }
}
