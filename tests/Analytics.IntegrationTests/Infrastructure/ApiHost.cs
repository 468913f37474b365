using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.IntegrationTests.Infrastructure;

/// <summary>The real host over a test database; Hangfire's server is off unless a test asks for it.</summary>
public sealed class ApiHost(TestDatabase database, bool jobServer = false) : WebApplicationFactory<Program>
{
    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Analytics"] = database.ConnectionString,
            ["Jobs:Server"] = jobServer ? "true" : "false",
            ["Reports:OutputDirectory"] = Path.Combine(Path.GetTempPath(), "analytics-tests", Guid.NewGuid().ToString("N")),
        }));
    }
}
