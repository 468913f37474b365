using Analytics.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.IntegrationTests.Infrastructure;

/// <summary>The real host over a test database; Hangfire's server is off unless a test asks for it.</summary>
public sealed class ApiHost(TestDatabase database, bool jobServer = false, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Where this host's reports go (and where tests render theirs); deleted with the host.</summary>
    public string ReportDirectory { get; } = Path.Combine(Path.GetTempPath(), "analytics-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A file name for a PDF a test renders, inside <see cref="ReportDirectory"/>.</summary>
    public string PdfPath(string prefix)
    {
        Directory.CreateDirectory(ReportDirectory);
        return Path.Combine(ReportDirectory, $"{prefix}-{Guid.NewGuid():N}.pdf");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(ReportDirectory)) Directory.Delete(ReportDirectory, recursive: true);
    }

    /// <summary>A client carrying a fresh API key of the given role (a team lead's teams, an agent's code).</summary>
    public async Task<HttpClient> ClientAsync(string role = Roles.Admin, string[]? teams = null, string? agent = null)
    {
        await using var db = database.NewDbContext();
        var (key, hash, prefix) = ApiKey.NewKey();
        db.ApiKeys.Add(new ApiKey
        {
            Name = $"test-{role}", Role = role, Prefix = prefix, Hash = hash, CreatedUtc = DateTime.UtcNow, Teams = teams,
            AgentCode = agent,
        });
        await db.SaveChangesAsync();
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Analytics"] = database.ConnectionString,
            ["Jobs:Server"] = jobServer ? "true" : "false",
            ["Reports:OutputDirectory"] = ReportDirectory,
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        // Host settings are what the host reads while it registers its services (Jobs:Server, Insights:*): values
        // given only to ConfigureAppConfiguration arrive after registration, and every test host ran a job server.
        foreach (var (k, v) in values) builder.UseSetting(k, v);
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(values));
    }
}
