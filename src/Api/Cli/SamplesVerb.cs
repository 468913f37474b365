using System.Diagnostics;
using System.Globalization;
using Analytics.Ingest.Samples;

namespace Analytics.Api.Cli;

internal sealed class SamplesVerb : ICliVerb
{
    public string Name => "samples";
    public string Usage => "samples [--contacts N] [--seed S] [--transcripts SHARE] [--start yyyy-MM-dd] [--months M] --out DIR   " +
                           "write a deterministic sample data set (reasons, contacts, transcripts, surveys)";

    public Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var defaults = new SampleOptions();
        var contacts = args.GetInt("contacts", defaults.Contacts);
        if (contacts < 0) throw new CliUsageException("--contacts must be 0 or more");
        var months = args.GetInt("months", defaults.Months);
        if (months < 1) throw new CliUsageException("--months must be 1 or more");
        var share = defaults.TranscriptShare;
        if (args.Get("transcripts") is { } s)
        {
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out share) || share is < 0 or > 1)
                throw new CliUsageException($"--transcripts must be a share between 0 and 1 (e.g. 0.35), got '{s}'");
        }
        var options = new SampleOptions(contacts, args.GetInt("seed", defaults.Seed), args.GetDate("start"), months, share);
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
}
