using System.Text.RegularExpressions;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace Analytics.Api.Contacts;

/// <summary>
/// Agents' names as words, for roles without agent-level access: a search for "Kees" selects Kees's calls ("u spreekt
/// met Kees"), and a note that names its agent identifies them. Such searches are refused and such names in notes are
/// shown as [AGENT]. Ingest redacts agents' names already (see Redactor); this stays as defence in depth for text
/// stored before that (until `redact-names` has run), for an agent added after the text came in, and for surnames
/// alone, which ingest leaves to the customer-name rules. It masks with the same placeholder, so both read alike.
/// </summary>
internal sealed class AgentNames(NpgsqlDataSource db, IMemoryCache cache)
{
    internal sealed record Words(HashSet<string> Names, Regex? Pattern)
    {
        /// <summary>The first word of <paramref name="query"/> that is part of an agent's name, or null.</summary>
        public string? MentionedIn(string? query) =>
            query is null ? null : Regex.Split(query, @"[^\p{L}']+").FirstOrDefault(w => w.Length > 0 && Names.Contains(w));

        public string? Redact(string? text) => text is null || Pattern is null ? text : Pattern.Replace(text, "[AGENT]");
    }

    public async Task<Words> GetAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync("agent-name-words", async e =>
        {
            // Agents change rarely; a new one is known within a minute.
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await using var cmd = db.CreateCommand("SELECT name FROM agents WHERE name IS NOT NULL");
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                names.UnionWith(Analytics.Agents.NameWords.Of(r.GetString(0)));
            // Case-sensitive in text: a name is capitalised, the word "bos" in a note is not about Thijs Bos.
            var pattern = names.Count == 0 ? null : new Regex(
                @"\b(" + string.Join("|", names.OrderByDescending(n => n.Length).Select(Regex.Escape)) + @")\b",
                RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return new Words(names, pattern);
        }))!;
}
