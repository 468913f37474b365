using Analytics.Api;
using Analytics.Api.Cli;

if (CliRunner.IsCliInvocation(args))
    return await CliRunner.RunAsync(args);

var webArgs = args.Length > 0 && args[0] == "serve" ? args[1..] : args;
var builder = WebApplication.CreateBuilder([.. ServiceRegistration.HostArgs, .. webArgs]);
builder.AddBuiltSettings();
builder.Configuration.AddDatabaseFromEnvironment();
builder.AddAnalyticsApi();
var app = builder.Build();
app.UseAnalyticsApi();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
