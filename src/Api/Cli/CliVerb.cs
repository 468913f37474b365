namespace Analytics.Api.Cli;

/// <summary>
/// A command-line verb of the host (`./analytics VERB …`). Verbs are discovered by reflection,
/// so a feature adds one by adding a class; nothing else to register.
/// </summary>
internal interface ICliVerb
{
    string Name { get; }
    /// <summary>One line for `--help`: usage first, then what it does.</summary>
    string Usage { get; }
    Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct);
}

/// <summary>Thrown for bad command-line input; printed without a stack trace.</summary>
internal sealed class CliUsageException(string message) : Exception(message);

/// <summary>Positional words and `--name value` / `--flag` options.</summary>
internal sealed class CliArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    public IReadOnlyList<string> Positional { get; }

    public CliArgs(IEnumerable<string> args)
    {
        var positional = new List<string>();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var eq = a.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0) _options[a[2..eq]] = a[(eq + 1)..];
                else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal)) _options[a[2..]] = list[++i];
                else _options[a[2..]] = null;
            }
            else positional.Add(a);
        }
        Positional = positional;
    }

    public IReadOnlyDictionary<string, string?> RawOptions => _options;
    public bool Has(string name) => _options.ContainsKey(name);
    public string? Get(string name) => _options.TryGetValue(name, out var v) ? v : null;
    public string Require(string name) =>
        Get(name) ?? throw new CliUsageException($"--{name} is required");
    public int GetInt(string name, int fallback) =>
        Get(name) is { } s ? int.TryParse(s, out var v) ? v : throw new CliUsageException($"--{name} must be a whole number, got '{s}'") : fallback;
    public DateOnly? GetDate(string name) =>
        Get(name) is { } s ? DateOnly.TryParseExact(s, "yyyy-MM-dd", out var d) ? d : throw new CliUsageException($"--{name} must be a date as yyyy-MM-dd, got '{s}'") : null;
}
