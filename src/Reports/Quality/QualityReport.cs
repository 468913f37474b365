using Analytics.Metrics;
using Analytics.Reports.Pdf;
using Analytics.Time;

namespace Analytics.Reports.Quality;

public sealed record DetractorComment(DateTime RespondedUtc, int Score, string Comment, string ContactId, string? Reason, string? Team);

/// <summary>Shrunk agent NPS (empirical Bayes toward the team) when the insights are available; raw otherwise.</summary>
public sealed record AgentFairScore(string Agent, string? Name, string? Team, int N, double Raw, double Shrunk, double Low, double High, bool TooFew, bool Significant);

public sealed record QualityData(Period Period, DateTime? LastIngestUtc, SurveyFigure? Nps, SurveyFigure? Ces, SurveyFigure? Csat,
    IReadOnlyList<SurveyFigure> NpsByTeam, IReadOnlyList<SurveyFigure> CesByTeam, IReadOnlyList<SurveyFigure> CsatByTeam,
    IReadOnlyList<SurveyFigure> NpsByAgent, IReadOnlyList<AgentFairScore>? FairAgents, IReadOnlyList<DetractorComment> Detractors, int MinimumResponses);

/// <summary>For quality managers and team leads: survey scores per team and agent, with n and intervals, never ranked on noise.</summary>
public static class QualityReport
{
    public static void Render(QualityData d, ReportLanguage lang, ReportFilters filters, Stream output)
    {
        var layout = new PdfLayout();
        ReportHeader.Draw(layout, lang, lang["quality.title"], lang["quality.subtitle"], d.Period, filters.Describe(lang), d.LastIngestUtc);
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
            if (d.FairAgents?.Where(a => !a.TooFew).OrderByDescending(a => a.Shrunk).Take(25).ToList() is { Count: > 0 } ranked && d.Nps is { } centre)
            {
                layout.Text(lang["quality.chart"], 8, color: PdfLayout.Muted);
                layout.Block(Math.Max(120, 40 + 16 * ranked.Count), (canvas, w, h) => AgentChart.Draw(canvas, w, h, ranked, centre.Score.Value, lang));
                layout.Space(6);
            }
            AgentTable(layout, d, lang);
            if (d.Detractors.Count > 0)
            {
                ReportParts.Heading(layout, lang["quality.detractors"]);
                foreach (var comment in d.Detractors)
                {
                    layout.Text($"{lang.DateTime(Amsterdam.ToLocal(comment.RespondedUtc))} · NPS {comment.Score} · {lang["contact"]} {comment.ContactId}" +
                                (comment.Reason is null ? "" : $" · {comment.Reason}") + (comment.Team is null ? "" : $" · {comment.Team}"), 7.5f, color: PdfLayout.Muted);
                    layout.Text($"“{comment.Comment}”", 9);
                    layout.Space(3);
                }
            }
        }
        layout.Space(8);
        layout.Text(string.Format(lang.Culture, lang["quality.howto"], d.MinimumResponses), 8, color: PdfLayout.Muted);
        layout.Save(output, $"{lang["quality.title"]} {d.Period}", $"{lang["quality.title"]} · {lang.Date(d.Period.From)} – {lang.Date(d.Period.To)}",
            (page, pages) => string.Format(lang.Culture, lang["page"], page, pages));
    }

    private static void TeamTable(PdfLayout layout, QualityData d, ReportLanguage lang)
    {
        var ces = d.CesByTeam.ToDictionary(f => f.Group);
        var csat = d.CsatByTeam.ToDictionary(f => f.Group);
        var rows = d.NpsByTeam.Select(t => new[]
        {
            t.Name ?? t.Group, lang.Number(t.N), t.TooFewResponses ? lang["toofew"] : Signed(t.Score.Value, lang),
            t.TooFewResponses ? "" : $"{Signed(t.Score.Low, lang)} … {Signed(t.Score.High, lang)}",
            ces.TryGetValue(t.Group, out var c) && !c.TooFewResponses ? lang.Number(c.Score.Value, 2) : "–",
            csat.TryGetValue(t.Group, out var s) && !s.TooFewResponses ? lang.Percent(s.Score.Value, 0) : "–",
        });
        PdfTable.Draw(layout, [new(lang["team"], 150), new("n", 50, true), new("NPS", 60, true), new(lang["interval"], 109, true),
            new("CES", 60, true), new("CSAT", 70, true)], rows);
    }

    private static void AgentTable(PdfLayout layout, QualityData d, ReportLanguage lang)
    {
        if (d.FairAgents is { } fair)
        {
            // Ranked on the shrunk figure; agents with too few responses are listed after, unranked.
            var ranked = fair.Where(a => !a.TooFew).OrderByDescending(a => a.Shrunk).Concat(fair.Where(a => a.TooFew).OrderBy(a => a.Agent, StringComparer.Ordinal));
            var rank = 0;
            PdfTable.Draw(layout, [new("#", 22, true), new(lang["agent"], 130), new(lang["team"], 70), new("n", 40, true), new(lang["raw"], 55, true),
                    new(lang["shrunk"], 55, true), new(lang["interval"], 90, true), new("", 37)],
                ranked.Select(a => new[]
                {
                    a.TooFew ? "" : (++rank).ToString(lang.Culture), a.Name ?? a.Agent, a.Team ?? "", lang.Number(a.N), Signed(a.Raw, lang),
                    // The shrunk figure is most useful exactly where n is small: shown, but not ranked and without an interval.
                    Signed(a.Shrunk, lang), a.TooFew ? lang["toofew"] : $"{Signed(a.Low, lang)} … {Signed(a.High, lang)}",
                    a.Significant ? "▲▼" : "",
                }));
            return;
        }
        var rows = d.NpsByAgent.OrderBy(a => a.TooFewResponses).ThenByDescending(a => a.Score.Value).Select(a => new[]
        {
            a.Name ?? a.Group, lang.Number(a.N), a.TooFewResponses ? lang["toofew"] : Signed(a.Score.Value, lang),
            a.TooFewResponses ? "" : $"{Signed(a.Score.Low, lang)} … {Signed(a.Score.High, lang)}",
        });
        PdfTable.Draw(layout, [new(lang["agent"], 200), new("n", 60, true), new("NPS", 80, true), new(lang["interval"], 159, true)], rows);
    }

    internal static string Signed(double v, ReportLanguage lang) =>
        double.IsNaN(v) ? "–" : (v > 0.05 ? "+" : "") + lang.Number(v, 1);
}
