using System.Diagnostics;
using System.Globalization;
using Analytics.Ingest.Samples;

namespace Analytics.Api.Cli;

internal sealed class SamplesVerb : ICliVerb
{
    public string Name => "samples";
    public string Usage => "samples [--fixture] [--contacts N] [--seed S] [--transcripts SHARE] [--surveys RATE] " +
                           "[--start yyyy-MM-dd] [--months M] --out DIR   write a deterministic sample centre (reasons, " +
                           "contacts, transcripts, surveys): 210,000 contacts, surveys from 15% of answered contacts, " +
                           "transcripts of 10%; --fixture: the small, survey-dense test fixture committed in samples/";

    public Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var defaults = args.Has("fixture") ? new SampleOptions() : SampleOptions.Demo;
        var contacts = args.GetInt("contacts", defaults.Contacts);
        if (contacts < 0) throw new CliUsageException("--contacts must be 0 or more");
        var months = args.GetInt("months", defaults.Months);
        if (months < 1) throw new CliUsageException("--months must be 1 or more");
        var share = Share(args, "transcripts", defaults.TranscriptShare);
        var surveys = Share(args, "surveys", defaults.SurveyRate);
        var options = defaults with
        {
            Contacts = contacts, Seed = args.GetInt("seed", defaults.Seed), Start = args.GetDate("start"), Months = months,
            TranscriptShare = share, SurveyRate = surveys,
        };
        var outDir = args.Require("out");

        var clock = Stopwatch.StartNew();
        var summary = SampleGenerator.Generate(options, outDir);
        clock.Stop();
        var rate = summary.Contacts / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"samples: {summary.Contacts} contacts, {summary.Surveys} surveys, {summary.TranscriptContacts} transcripts ({summary.TranscriptTurns} turns), " +
            $"{summary.Reasons} reasons, {summary.Agents} agents in {clock.Elapsed.TotalSeconds:0.00} s ({rate:0} contacts/s) -> " +
            $"{summary.ReasonsPath}, {summary.ContactsPath}, {summary.TranscriptsPath}, {summary.SurveysPath}"));
        return Task.FromResult(0);
    }

    private static double Share(CliArgs args, string name, double fallback)
    {
        if (args.Get(name) is not { } s) return fallback;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) || share is < 0 or > 1)
            throw new CliUsageException($"--{name} must be a share between 0 and 1 (e.g. 0.35), got '{s}'");
        return share;
    }
}
