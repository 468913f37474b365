using Analytics.Insights.Agents;
using Analytics.Metrics;
using Analytics.Reports.Pdf;
using Analytics.Time;

namespace Analytics.Reports.Quality;

public sealed record DetractorComment(DateTime RespondedUtc, int Score, string Comment, string ContactId,
    string? Reason, string? Team);

/// <summary>
/// An agent's NPS shrunk (empirical Bayes) toward their team, with the team's NPS and the tier that follows from the
/// interval (null below the minimum n). SignificantChange is the change against the previous period, only when
/// significant.
/// </summary>
public sealed record AgentFairScore(string Agent, string? Name, string? Team, int N, double Raw, double Shrunk,
    double Low, double High, double TeamNps, AgentTier? Tier, bool TooFew, double? SignificantChange);

public sealed record QualityData(Period Period, DateTime? LastIngestUtc, SurveyFigure? Nps, SurveyFigure? Ces,
    SurveyFigure? Csat, IReadOnlyList<SurveyFigure> NpsByTeam, IReadOnlyList<SurveyFigure> CesByTeam,
    IReadOnlyList<SurveyFigure> CsatByTeam, IReadOnlyList<SurveyFigure> NpsByAgent,
    IReadOnlyList<AgentFairScore>? FairAgents, IReadOnlyList<DetractorComment> Detractors, int MinimumResponses);

/// <summary>
/// For quality managers and team leads: survey scores per team and agent, with n and intervals, never ranked on noise.
/// </summary>
public static class QualityReport
{
    public static void Render(QualityData d, ReportLanguage lang, ReportFilters filters, Stream output)
    {
        var layout = new PdfLayout();
        ReportHeader.Draw(layout, lang, lang["quality.title"], lang["quality.subtitle"], d.Period,
            filters.Describe(lang), d.LastIngestUtc);
        if (d.Nps is null && d.Ces is null && d.Csat is null)
        {
            layout.Space(20);
            layout.Text(lang["nodata.surveys"], 12);
        }
        else
        {
            ReportParts.Kpis(layout,
                (d.Nps is { } n ? Signed(n.Score.Value, lang) : "–", $"NPS (n = {lang.Number(d.Nps?.N ?? 0)})"),
                (d.Ces is { } c ? lang.Number(c.Score.Value, 2) : "–", $"CES (n = {lang.Number(d.Ces?.N ?? 0)})"),
                (d.Csat is { } s ? lang.Percent(s.Score.Value, 0) : "–", $"CSAT (n = {lang.Number(d.Csat?.N ?? 0)})"));
            ReportParts.Heading(layout, lang["quality.teams"]);
            TeamTable(layout, d, lang);
            ReportParts.Heading(layout, d.FairAgents is null ? lang["quality.agents.raw"] : lang["quality.agents"]);
            if (d.FairAgents is { Count: > 0 } fair && d.Nps is { } centre)
                Chart(layout, Ordered(fair, Positions(filters)).ToList(), centre.Score.Value, d.MinimumResponses, lang);
            AgentTable(layout, d, lang, Positions(filters));
            if (d.Detractors.Count > 0) Detractors(layout, d.Detractors, lang);
        }
        layout.Space(8);
        layout.Text(lang.Format("quality.howto", d.MinimumResponses), 8, color: PdfLayout.Muted);
        layout.Save(output, $"{lang["quality.title"]} {d.Period}",
            $"{lang["quality.title"]} · {lang.Date(d.Period.From)} – {lang.Date(d.Period.To)}",
            (page, pages) => lang.Format("page", page, pages), ReportParts.Colophon(filters, lang));
    }

    /// <summary>The ranking switch (on unless the report was made under one that is off).</summary>
    private static bool Positions(ReportFilters filters) => filters.Privacy?.Ranking ?? true;

    /// <summary>
    /// Ranked on the shrunk figure; agents with too few responses after them, unranked. Where ranking is switched off
    /// the order is by team and agent, so neither a number nor the order says who stands where.
    /// </summary>
    private static IEnumerable<AgentFairScore> Ordered(IReadOnlyList<AgentFairScore> fair, bool positions) => positions
        ? fair.Where(a => !a.TooFew).OrderByDescending(a => a.Shrunk)
            .Concat(fair.Where(a => a.TooFew).OrderBy(a => a.Agent, StringComparer.Ordinal))
        : fair.OrderBy(a => a.Team, StringComparer.Ordinal).ThenBy(a => a.Agent, StringComparer.Ordinal);

    /// <summary>Every agent, split over pages when one page cannot hold them; each part has its own axis.</summary>
    private static void Chart(PdfLayout layout, IReadOnlyList<AgentFairScore> agents, double centre, int minimum,
        ReportLanguage lang)
    {
        layout.Text(lang.Format("quality.chart", minimum), 8, color: PdfLayout.Muted);
        var rowHeight = AgentChart.RowHeight(agents);
        var noteWidth = AgentChart.NoteWidth(agents, lang);
        for (var start = 0; start < agents.Count;)
        {
            layout.Need(RowChart.Height(Math.Min(5, agents.Count - start), rowHeight));
            var fits = Math.Max(1, (int)((layout.Remaining - RowChart.Height(0, rowHeight)) / rowHeight));
            var part = agents.Skip(start).Take(fits).ToList();
            layout.Block(RowChart.Height(part.Count, rowHeight),
                (canvas, w, h) => AgentChart.Draw(canvas, w, h, part, centre, noteWidth, lang));
            start += part.Count;
        }
        layout.Space(6);
    }

    private static void TeamTable(PdfLayout layout, QualityData d, ReportLanguage lang)
    {
        var ces = d.CesByTeam.ToDictionary(f => f.Group);
        var csat = d.CsatByTeam.ToDictionary(f => f.Group);
        var rows = d.NpsByTeam.Select(t => new[]
        {
            t.Name ?? t.Group, lang.Number(t.N), t.TooFewResponses ? lang["toofew"] : Signed(t.Score.Value, lang),
            t.TooFewResponses ? "" : lang.Range(Signed(t.Score.Low, lang), Signed(t.Score.High, lang)),
            ces.TryGetValue(t.Group, out var c) && !c.TooFewResponses ? lang.Number(c.Score.Value, 2) : "–",
            csat.TryGetValue(t.Group, out var s) && !s.TooFewResponses ? lang.Percent(s.Score.Value, 0) : "–",
        });
        PdfTable.Draw(layout, [new(lang["team"], 150), new("n", 50, true), new("NPS", 60, true),
            new(lang["interval"], 109, true), new("CES", 60, true), new("CSAT", 70, true)], rows);
    }

    private static void AgentTable(PdfLayout layout, QualityData d, ReportLanguage lang, bool positions)
    {
        if (d.FairAgents is { } fair)
        {
            // A manager knows teams by name; the ranking carries codes.
            var teams = d.NpsByTeam.Where(t => t.Name is not null).ToDictionary(t => t.Group, t => t.Name!);
            var rank = 0;
            PdfTable.Draw(layout, [new("#", 18, true), new(lang["agent"], 98), new(lang["team"], 115),
                    new("n", 26, true), new(lang["raw"], 36, true), new(lang["shrunk"], 44, true),
                    new(lang["interval"], 82, true), new(lang["tier"], 80)],
                Ordered(fair, positions).Select(a => new[]
                {
                    a.TooFew || !positions ? "" : (++rank).ToString(lang.Culture), a.Name ?? a.Agent,
                    a.Team is null ? "" : teams.GetValueOrDefault(a.Team, a.Team), lang.Number(a.N),
                    Signed(a.Raw, lang),
                    // The shrunk figure is most useful exactly where n is small: shown, but not ranked, no interval.
                    Signed(a.Shrunk, lang) + a.SignificantChange switch { > 0 => " ▲", < 0 => " ▼", _ => "" },
                    a.TooFew ? lang["toofew"] : lang.Range(Signed(a.Low, lang), Signed(a.High, lang)),
                    a.Tier is { } tier ? lang.Tier(tier, shortForm: true) : "",
                }), size: 8);
            layout.Text(lang["quality.agents.legend"], 7.5f, color: PdfLayout.Muted);
            return;
        }
        var rows = (positions ? d.NpsByAgent.OrderBy(a => a.TooFewResponses).ThenByDescending(a => a.Score.Value)
            : d.NpsByAgent.OrderBy(a => a.Name ?? a.Group, StringComparer.Ordinal)).Select(a => new[]
        {
            a.Name ?? a.Group, lang.Number(a.N), a.TooFewResponses ? lang["toofew"] : Signed(a.Score.Value, lang),
            a.TooFewResponses ? "" : lang.Range(Signed(a.Score.Low, lang), Signed(a.Score.High, lang)),
        });
        PdfTable.Draw(layout, [new(lang["agent"], 200), new("n", 60, true), new("NPS", 80, true),
            new(lang["interval"], 159, true)], rows);
    }

    private static void Detractors(PdfLayout layout, IReadOnlyList<DetractorComment> comments, ReportLanguage lang)
    {
        ReportParts.Heading(layout, lang["quality.detractors"]);
        foreach (var comment in comments)
        {
            var reason = comment.Reason is null ? "" : $" · {comment.Reason}";
            var team = comment.Team is null ? "" : $" · {comment.Team}";
            layout.Text($"{lang.DateTime(Amsterdam.ToLocal(comment.RespondedUtc))} · NPS {comment.Score} · " +
                        $"{lang["contact"]} {comment.ContactId}{reason}{team}", 7.5f, color: PdfLayout.Muted);
            layout.Text($"“{comment.Comment}”", 9);
            layout.Space(3);
        }
    }

    public static string Signed(double v, ReportLanguage lang) =>
        double.IsNaN(v) ? "–" : (v > 0.05 ? "+" : "") + lang.Number(v, 1);
}
