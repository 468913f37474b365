using Analytics.Reports;
using Analytics.Time;

namespace Analytics.Api.Cli;

internal sealed class ReportVerb : ICliVerb
{
    public string Name => "report";
    public string Usage => $"report {string.Join('|', ReportJobs.Families)} [--from DATE --to DATE] [--lang nl|en] [--team T] [--channel C] [--out FILE|DIR]   render a PDF (default: last full month, nl)";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        if (args.Has("families")) { Console.WriteLine(string.Join(' ', ReportJobs.Families)); return 0; }
        var family = args.Positional.FirstOrDefault() ?? throw new CliUsageException("name a report family");
        if (!ReportJobs.Families.Contains(family)) throw new CliUsageException($"unknown report '{family}'");
        var fallback = Period.LastFullMonth(Amsterdam.Today());
        var from = args.GetDate("from") ?? fallback.From;
        var to = args.GetDate("to") ?? (args.Has("from") ? from.AddMonths(1).AddDays(-1) : fallback.To);
        if (from > to) throw new CliUsageException("--from is after --to");
        ReportLanguage lang;
        try { lang = ReportLanguage.Parse(args.Get("lang")); }
        catch (ArgumentException e) { throw new CliUsageException(e.Message); }
        await using var scope = services.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetRequiredService<ReportJobs>();
        var options = scope.ServiceProvider.GetRequiredService<ReportOptions>();
        Analytics.Reporting.ReportRun run;
        try
        {
            run = await jobs.RenderAsync(family, new Period(from, to), lang, args.Get("out") ?? options.OutputDirectory,
                ct, new ReportFilters(args.Get("team"), args.Get("channel")));
        }
        catch (InvalidReportException e) { throw new CliUsageException(e.Message); }
        Console.WriteLine($"report: wrote {run.Path}");
        return 0;
    }
}
