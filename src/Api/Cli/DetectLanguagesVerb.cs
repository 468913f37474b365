using Analytics.Contacts;
using Analytics.Insights.Rollups;
using Analytics.Metrics;

namespace Analytics.Api.Cli;

internal sealed class DetectLanguagesVerb : ICliVerb
{
    public string Name => "detect-languages";
    public string Usage => "detect-languages     gives contacts and surveys loaded without a language the one their text is written in, then rebuilds the cube and rollups";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var r = await new LanguageBackfill(services.GetRequiredService<Npgsql.NpgsqlDataSource>()).RunAsync(ct);
        Console.WriteLine(FormattableString.Invariant(
            $"detect-languages: contacts {r.ContactsSet:N0} of {r.ContactsRead:N0} without a language now have one; surveys {r.SurveysFromContacts:N0} from their contact, {r.SurveysSet:N0} of {r.SurveysRead:N0} from their comment"));
        // The figures per language come from the cube and the rollups, which only know batches and corrections: rebuild them.
        var cube = await services.GetRequiredService<SurveyCube>().RefreshAsync(ct);
        var rollups = await services.GetRequiredService<InsightRollups>().RefreshAsync(ct);
        Console.WriteLine(FormattableString.Invariant($"detect-languages: survey cube rebuilt in {cube.TotalSeconds:F1} s, insight rollups in {rollups.TotalSeconds:F1} s"));
        return 0;
    }
}
