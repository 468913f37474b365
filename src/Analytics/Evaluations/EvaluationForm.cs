using System.Text.Json;

namespace Analytics.Evaluations;

public static class ItemKinds
{
    public const string YesNo = "yes-no";
    public const string Scale = "scale";
    public static readonly string[] All = [YesNo, Scale];
}

/// <summary>One question of a form. Scale items run 1..ScaleMax; AllowNa lets the evaluator answer "na" (not applicable).</summary>
public sealed record FormItem(string Code, string TextNl, string TextEn, string Kind, int Weight, bool AllowNa = false,
    int? ScaleMax = null, string? DescriptionNl = null, string? DescriptionEn = null, string? Check = null);

public sealed record FormSection(string Code, string TitleNl, string TitleEn, IReadOnlyList<FormItem> Items);

/// <summary>An evaluation form: data, not code. Its sections live in one jsonb column; they are read and written whole.</summary>
public sealed class EvaluationForm
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string NameNl { get; set; }
    public required string NameEn { get; set; }
    public string? Description { get; set; }
    public required string Sections { get; set; }
    public bool IsDefault { get; set; }
    public DateTime CreatedUtc { get; set; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<FormSection> ReadSections() => JsonSerializer.Deserialize<List<FormSection>>(Sections, Json) ?? [];

    public IEnumerable<FormItem> Items() => ReadSections().SelectMany(s => s.Items);

    public static string Write(IReadOnlyList<FormSection> sections) => JsonSerializer.Serialize(sections, Json);

    /// <summary>Every form, for code that reads with SQL rather than the DbContext (coaching effects, the coaching report).</summary>
    public static async Task<List<EvaluationForm>> AllAsync(Npgsql.NpgsqlDataSource db, CancellationToken ct)
    {
        var forms = new List<EvaluationForm>();
        await using var cmd = db.CreateCommand("SELECT id, code, name_nl, name_en, sections::text FROM evaluation_forms");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            forms.Add(new EvaluationForm
            {
                Id = r.GetInt32(0), Code = r.GetString(1), NameNl = r.GetString(2), NameEn = r.GetString(3), Sections = r.GetString(4),
            });
        return forms;
    }

    /// <summary>Problems of a form's content, keyed by the JSON path of the field at fault (sections[1].items[0].weight).</summary>
    public static Dictionary<string, string[]> Validate(IReadOnlyList<FormSection>? sections)
    {
        var e = new Dictionary<string, string[]>();
        if (sections is null || sections.Count == 0) { e["sections"] = ["at least one section"]; return e; }
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < sections.Count; s++)
        {
            var section = sections[s];
            var at = $"sections[{s}]";
            if (section is null) { e[at] = ["a section, not null"]; continue; }
            if (string.IsNullOrWhiteSpace(section.Code)) e[at + ".code"] = ["required"];
            if (string.IsNullOrWhiteSpace(section.TitleNl)) e[at + ".titleNl"] = ["required"];
            if (string.IsNullOrWhiteSpace(section.TitleEn)) e[at + ".titleEn"] = ["required"];
            if (section.Items is not { Count: > 0 }) { e[at + ".items"] = ["at least one item"]; continue; }
            for (var i = 0; i < section.Items.Count; i++)
            {
                var item = section.Items[i];
                var path = $"{at}.items[{i}]";
                if (item is null) { e[path] = ["an item, not null"]; continue; }
                if (string.IsNullOrWhiteSpace(item.Code) || item.Code.Length > 40) e[path + ".code"] = ["1 to 40 characters"];
                else if (!codes.Add(item.Code)) e[path + ".code"] = [$"'{item.Code}' is used twice in this form"];
                if (string.IsNullOrWhiteSpace(item.TextNl)) e[path + ".textNl"] = ["required"];
                if (string.IsNullOrWhiteSpace(item.TextEn)) e[path + ".textEn"] = ["required"];
                if (!ItemKinds.All.Contains(item.Kind)) e[path + ".kind"] = [$"use one of {string.Join(", ", ItemKinds.All)}"];
                if (item.Weight is < 1 or > 10) e[path + ".weight"] = ["a whole number from 1 to 10"];
                if (item.Kind == ItemKinds.Scale && item.ScaleMax is not (>= 2 and <= 10)) e[path + ".scaleMax"] = ["2 to 10 for a scale item"];
                if (item.Kind == ItemKinds.YesNo && item.ScaleMax is not null) e[path + ".scaleMax"] = ["only for a scale item"];
                if (item.Check is { } check && !AutoQa.Checks.Contains(check))
                    e[path + ".check"] = [$"unknown auto-QA check '{check}'; use one of {string.Join(", ", AutoQa.Checks)}"];
                if (item.Check is not null && item.Kind != ItemKinds.YesNo) e[path + ".check"] = ["auto-QA pre-fills yes-no items only"];
            }
        }
        return e;
    }

    /// <summary>Null when the value fits the item; otherwise why not.</summary>
    public static string? Refuse(FormItem item, string? value) => value switch
    {
        null => null,
        Answers.NotApplicable => item.AllowNa ? null : "this item cannot be answered na",
        Answers.Yes or Answers.No when item.Kind == ItemKinds.YesNo => null,
        _ when item.Kind == ItemKinds.Scale && int.TryParse(value, out var v) && v >= 1 && v <= item.ScaleMax => null,
        _ => item.Kind == ItemKinds.YesNo ? "use yes or no" + (item.AllowNa ? " or na" : "")
            : $"a whole number from 1 to {item.ScaleMax}" + (item.AllowNa ? " or na" : ""),
    };

    /// <summary>
    /// Weighted share of the points (0–100) over the answered, applicable items: yes 1, no 0, a scale value v of max m
    /// (v − 1)/(m − 1). Null when nothing applicable is answered.
    /// </summary>
    public static double? ScorePercent(IEnumerable<FormItem> items, IReadOnlyDictionary<string, string?> values)
    {
        double points = 0, weights = 0;
        foreach (var item in items)
        {
            if (values.GetValueOrDefault(item.Code) is not { } v || v == Answers.NotApplicable) continue;
            points += item.Weight * (v == Answers.Yes ? 1 : v == Answers.No ? 0 : (int.Parse(v) - 1.0) / (item.ScaleMax!.Value - 1));
            weights += item.Weight;
        }
        return weights == 0 ? null : 100 * points / weights;
    }
}

public static class Answers
{
    public const string Yes = "yes";
    public const string No = "no";
    public const string NotApplicable = "na";
}
