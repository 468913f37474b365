using Analytics.Reports;
using Analytics.Time;

namespace Analytics.Api.Cli;

internal sealed class ReportVerb : ICliVerb
{
    public string Name => "report";
    public string Usage => $"report {string.Join('|', ReportJobs.Families)}|all [--from DATE --to DATE] [--lang nl|en|nl,en] [--team T] [--channel C] [--agent CODE (coaching)] [--out FILE|DIR]   render PDFs (default: last full month, nl)";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        if (args.Has("families")) { Console.WriteLine(string.Join(' ', ReportJobs.Families)); return 0; }
        var named = args.Positional.FirstOrDefault() ?? throw new CliUsageException("name a report family");
        // Several families and languages in one process: each process start compiles the report code again.
        // "all" is every family about the whole centre, plus the coaching report when an agent is named.
        var families = named == "all"
            ? ReportJobs.Families.Where(f => f != "coaching" || args.Has("agent")).ToArray()
            : named.Split(',');
        if (families.FirstOrDefault(f => !ReportJobs.Families.Contains(f)) is { } unknown)
            throw new CliUsageException($"unknown report '{unknown}'");
        var fallback = Period.LastFullMonth(Amsterdam.Today());
        var from = args.GetDate("from") ?? fallback.From;
        var to = args.GetDate("to") ?? (args.Has("from") ? from.AddMonths(1).AddDays(-1) : fallback.To);
        if (from > to) throw new CliUsageException("--from is after --to");
        ReportLanguage[] langs;
        try { langs = (args.Get("lang") ?? "nl").Split(',').Select(ReportLanguage.Parse).ToArray(); }
        catch (ArgumentException e) { throw new CliUsageException(e.Message); }
        if (families.Length * langs.Length > 1 && args.Get("out") is { } file && file.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
            throw new CliUsageException("--out names one file; give a folder for several reports");
        await using var scope = services.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetRequiredService<ReportJobs>();
        var options = scope.ServiceProvider.GetRequiredService<ReportOptions>();
        foreach (var family in families)
        foreach (var lang in langs)
        {
            Analytics.Reporting.ReportRun run;
            try
            {
                run = await jobs.RenderAsync(family, new Period(from, to), lang, args.Get("out") ?? options.OutputDirectory,
                    ct, new ReportFilters(args.Get("team"), args.Get("channel"),
                        family == "coaching" ? args.Get("agent") : null));
            }
            catch (InvalidReportException e) { throw new CliUsageException(e.Message); }
            Console.WriteLine($"report: wrote {run.Path}");
        }
        return 0;
    }
}
