using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Analytics.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without the host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AnalyticsDbContext>
{
    public AnalyticsDbContext CreateDbContext(string[] args)
    {
        var cs = Environment.GetEnvironmentVariable("ANALYTICS_DB")
                 ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=analytics";
        var b = new DbContextOptionsBuilder<AnalyticsDbContext>();
        AnalyticsDbContext.Configure(b, cs);
        return new AnalyticsDbContext(b.Options);
    }
}
