using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analytics.Ingest.Pipeline;

/// <summary>
/// How one platform's export maps onto our fields, so a new telephony or survey tool loads without code changes.
/// Each of our fields takes a source column, a template over columns ("{date} {time}"), or a constant; values can be
/// translated (`map`) and some mean "nothing" (`null`). Files live in Profiles/ (shipped) or anywhere (--profile PATH).
/// </summary>
public sealed record MappingProfile
{
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public string? Description { get; init; }
    /// <summary>Natural-key namespace: contacts from two systems may reuse ids.</summary>
    public string Source { get; init; } = "main";
    /// <summary>IANA zone of local times in the file; Europe/Amsterdam when absent.</summary>
    public string? TimeZone { get; init; }
    public required Dictionary<string, FieldMapping> Fields { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static string ShippedDirectory => Path.Combine(AppContext.BaseDirectory, "Profiles");

    public static IReadOnlyList<string> ShippedNames() =>
        Directory.Exists(ShippedDirectory)
            ? Directory.GetFiles(ShippedDirectory, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).OrderBy(n => n, StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Loads a shipped profile by name, or a profile file by path.</summary>
    public static MappingProfile Load(string nameOrPath)
    {
        var path = File.Exists(nameOrPath) ? nameOrPath : Path.Combine(ShippedDirectory, nameOrPath + ".json");
        if (!File.Exists(path))
            throw new ArgumentException($"no mapping profile '{nameOrPath}'; shipped profiles: {string.Join(", ", ShippedNames())}");
        try
        {
            var profile = JsonSerializer.Deserialize<MappingProfile>(File.ReadAllText(path), Json)
                          ?? throw new ArgumentException($"mapping profile {path} is empty");
            profile.Validate(path);
            return profile;
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"mapping profile {path} is not valid: {e.Message}");
        }
    }

    public TimeZoneInfo Zone => TimeZone is null ? Time.Amsterdam.Zone : TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    private void Validate(string path)
    {
        foreach (var (field, m) in Fields)
        {
            var ways = (m.Column is null ? 0 : 1) + (m.Template is null ? 0 : 1) + (m.Constant is null ? 0 : 1);
            if (ways != 1) throw new ArgumentException($"mapping profile {path}: field '{field}' needs exactly one of column, template, constant");
        }
        _ = Zone; // fails early on an unknown zone id
    }

    /// <summary>The source columns the profile reads; all must be in the file's header.</summary>
    public IEnumerable<string> SourceColumns() => Fields.Values.SelectMany(m =>
        m.Column is not null ? [m.Column] : m.Template is not null ? TemplateColumns(m.Template) : []).Distinct();

    internal static IEnumerable<string> TemplateColumns(string template)
    {
        var i = 0;
        while ((i = template.IndexOf('{', i)) >= 0)
        {
            var end = template.IndexOf('}', i);
            if (end < 0) yield break;
            yield return template[(i + 1)..end];
            i = end + 1;
        }
    }
}

public sealed record FieldMapping
{
    public string? Column { get; init; }
    public string? Template { get; init; }
    public string? Constant { get; init; }
    /// <summary>Source value → our value (exact match, case-insensitive); unmapped values pass through.</summary>
    public Dictionary<string, string>? Map { get; init; }
    /// <summary>Source values that mean "no value" (NO_SERVER, 0, n.v.t.).</summary>
    public string[]? Null { get; init; }
}
