using System.Text;
using Analytics.Access;
using Analytics.Api.Access;

namespace Analytics.IntegrationTests.Access;

/// <summary>
/// docs/security.md prints the access matrix between two markers; this test fails when the table and the code differ.
/// Regenerate: `ANALYTICS_UPDATE_SECURITY_DOC=1 ./analytics test --filter SecurityDocument`.
/// </summary>
public sealed class SecurityDocumentTests
{
    private const string Begin = "<!-- access-matrix:begin (generated from src/Api/Access/AccessMatrix.cs) -->";
    private const string End = "<!-- access-matrix:end -->";

    internal static string Table()
    {
        var roles = Roles.All;
        var text = new StringBuilder();
        text.Append("| endpoint | ").AppendJoin(" | ", roles).Append(" | audited | also |\n");
        text.Append("| --- |").Append(string.Concat(roles.Select(_ => " :-: |"))).Append(" :-: | --- |\n");
        foreach (var (key, rule) in AccessMatrix.Rules.OrderBy(r => r.Key.Split(' ')[1], StringComparer.Ordinal)
                     .ThenBy(r => r.Key, StringComparer.Ordinal))
        {
            text.Append("| `").Append(key).Append("` | ");
            text.AppendJoin(" | ", roles.Select(r => rule.Policy.Roles.Contains(r) ? "✓" : "—"));
            text.Append(" | ").Append(rule.Audited ? "yes" : "").Append(" | ").Append(rule.Note ?? "").Append(" |\n");
        }
        text.Append("\nPolicies: ");
        text.AppendJoin("; ", AccessMatrix.Policies.Select(p => $"`{p.Name}` ({string.Join(", ", p.Roles)}): {p.Meaning}"));
        text.Append(".\n");
        return text.ToString();
    }

    [Fact]
    public async Task TheMatrixInDocsSecurityMatchesTheCode()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Analytics.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var path = Path.Combine(root.FullName, "docs", "security.md");
        var doc = (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n");
        var start = doc.IndexOf(Begin, StringComparison.Ordinal);
        var end = doc.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"{path} lacks the markers {Begin} … {End}");
        var generated = doc[..(start + Begin.Length)] + "\n" + Table() + doc[end..];
        if (Environment.GetEnvironmentVariable("ANALYTICS_UPDATE_SECURITY_DOC") == "1")
        {
            await File.WriteAllTextAsync(path, generated);
            doc = generated;
        }
        Assert.Equal(generated, doc);
    }
}
