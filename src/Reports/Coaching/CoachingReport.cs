using Analytics.Coaching;
using Analytics.Reports.Pdf;
using Analytics.Reports.Quality;
using Analytics.Time;

namespace Analytics.Reports.Coaching;

/// <summary>
/// One agent's PDF for the one-to-one: sub-skills per month against the team, evaluations and disputes, what customers
/// wrote, and the sessions with their agreed actions and measured effect. Read per agent: it never compares the agent
/// with named colleagues, and an effect is never ranked.
/// </summary>
public static class CoachingReport
{
    public static void Render(CoachingData d, ReportLanguage lang, ReportFilters filters, Stream output)
    {
        var layout = new PdfLayout();
        var who = d.Name is null ? d.Agent : $"{d.Name} ({d.Agent})";
        ReportHeader.Draw(layout, lang, $"{lang["coaching.title"]}: {who}",
            d.TeamName is null ? lang["coaching.subtitle"] : $"{lang["coaching.subtitle"]} · team {d.TeamName}",
            d.Period, filters.Describe(lang), d.LastIngestUtc);
        var scores = d.Evaluations.Where(e => e.Score is not null).Select(e => e.Score!.Value).ToList();
        ReportParts.Kpis(layout,
            (lang.Number(d.Evaluations.Count), scores.Count == 0 ? lang["coaching.kpi.evaluations"]
                : lang.Format("coaching.kpi.mean", lang.Percent(scores.Average(), 0))),
            (lang.Number(d.Evaluations.Sum(e => e.Disputes.Count)), lang["coaching.kpi.disputes"]),
            (lang.Number(d.Sessions.Count), lang["coaching.kpi.sessions"]));
        // Under the headline figures, as in the management report: at the end it fell alone onto a second page.
        layout.Text(lang.Format("coaching.howto", d.MinimumObservations), 8, color: PdfLayout.Muted);

        ReportParts.Heading(layout, lang["coaching.skills"]);
        Skills(layout, d, lang);
        ReportParts.Heading(layout, lang["coaching.sessions"]);
        if (d.Sessions.Count == 0) layout.Text(lang["coaching.sessions.none"], 9);
        foreach (var s in d.Sessions) Session(layout, s, lang);
        ReportParts.Heading(layout, lang["coaching.evaluations"]);
        Evaluations(layout, d.Evaluations, lang);
        ReportParts.Heading(layout, lang["coaching.comments"]);
        if (d.Comments.Count == 0) layout.Text(lang["coaching.comments.none"], 9);
        foreach (var c in d.Comments)
        {
            var reason = c.Reason is null ? "" : $" · {c.Reason}";
            layout.Text($"{lang.DateTime(Amsterdam.ToLocal(c.RespondedUtc))} · NPS {c.Score} " +
                        $"({lang[c.Score <= 6 ? "coaching.detractor" : c.Score <= 8 ? "coaching.passive" : "coaching.promoter"]})" +
                        reason, 7.5f, color: PdfLayout.Muted);
            layout.Text($"“{c.Comment}”", 9);
            layout.Space(3);
        }
        layout.Save(output, $"{lang["coaching.title"]} {d.Agent} {d.Period}",
            $"{lang["coaching.title"]} {d.Agent} · {lang.Date(d.Period.From)} – {lang.Date(d.Period.To)}",
            (page, pages) => lang.Format("page", page, pages), ReportParts.Colophon(filters, lang));
    }

    /// <summary>Two rows per sub-skill: the agent (with n) and the team; the coached ones marked.</summary>
    private static void Skills(PdfLayout layout, CoachingData d, ReportLanguage lang)
    {
        if (d.Skills.All(s => s.Months.All(m => m.AgentN == 0)))
        {
            layout.Text(lang["coaching.skills.none"], 9);
            return;
        }
        var monthWidth = (PdfLayout.ContentWidth - 150) / d.Months.Count;
        var columns = new List<TableColumn> { new(lang["coaching.subskill"], 150) };
        columns.AddRange(d.Months.Select(m => new TableColumn(m.ToString("MMM yyyy", lang.Culture), monthWidth, true)));
        var rows = d.Skills.SelectMany(s => new[]
        {
            new[] { (s.Coached ? "● " : "") + s.Name }
                .Concat(s.Months.Select(m => m.Agent is { } v ? $"{Figure(v, s.IsCheck, lang)} ({m.AgentN})" : "–"))
                .ToArray(),
            new[] { "    " + lang["coaching.team"] }
                .Concat(s.Months.Select(m => m.Team is { } v ? Figure(v, s.IsCheck, lang) : "–")).ToArray(),
        });
        PdfTable.Draw(layout, columns, rows, size: 8);
        layout.Text(lang["coaching.skills.legend"], 7.5f, color: PdfLayout.Muted);
    }

    private static string Figure(double v, bool isCheck, ReportLanguage lang) =>
        isCheck ? lang.Percent(v, 0) : lang.Number(v, 0);

    private static void Session(PdfLayout layout, SessionLine s, ReportLanguage lang)
    {
        layout.Need(90);
        layout.Text($"{lang.Date(s.HeldOn)} · {s.SubSkill}", 10, bold: true);
        layout.Text(lang.Format("coaching.session.line", lang.Date(s.FollowUpOn), s.Coach), 8,
            color: PdfLayout.Muted);
        layout.Text($"{lang["coaching.actions"]}: {s.AgreedActions}", 9);
        layout.Space(2);
        if (s.Effect is not { } effect) return;
        layout.Text(lang.Format("coaching.effect.intro", lang.Date(effect.From), lang.Date(effect.To),
            lang.Number(effect.ComparisonAgents)), 8, color: PdfLayout.Muted);
        PdfTable.Draw(layout, [new(lang["coaching.outcome"], 105), new(lang["coaching.effect"], 150),
                new(lang["interval"], 100, true), new(lang["coaching.beforeafter"], 84, true),
                new(lang["coaching.counts"], 60, true)],
            effect.Outcomes.Select(o => new[]
            {
                Outcome(o.Outcome, lang),
                o.Effect is { } e ? Signed(e, o.Outcome, lang) : lang["coaching.tooearly"],
                o.Low is { } low && o.High is { } high
                    ? lang.Range(Signed(low, o.Outcome, lang, unit: false), Signed(high, o.Outcome, lang, unit: false))
                    : "–",
                $"{Mean(o.MeanBefore, o.Outcome, lang)} → {Mean(o.MeanAfter, o.Outcome, lang)}",
                $"{lang.Number(o.CoachedBefore)} / {lang.Number(o.CoachedAfter)}",
            }), size: 8);
    }

    private static string Outcome(string outcome, ReportLanguage lang) => outcome switch
    {
        CoachingEffects.Nps => "NPS",
        CoachingEffects.Ces => "CES",
        _ => lang.Format("coaching.outcome.check", lang["check." + outcome["check:".Length..]]),
    };

    /// <summary>NPS and checks in points, CES on its 1–7 scale with two decimals.</summary>
    private static string Signed(double v, string outcome, ReportLanguage lang, bool unit = true) =>
        outcome == CoachingEffects.Ces ? (v > 0.005 ? "+" : "") + lang.Number(v, 2)
        : QualityReport.Signed(v, lang) + (outcome == CoachingEffects.Nps || !unit ? "" : " " + lang["coaching.points"]);

    private static string Mean(double? v, string outcome, ReportLanguage lang) => v switch
    {
        null => "–",
        { } x when outcome == CoachingEffects.Ces => lang.Number(x, 2),
        { } x when outcome == CoachingEffects.Nps => QualityReport.Signed(x, lang),
        { } x => lang.Percent(x, 0),
    };

    private static void Evaluations(PdfLayout layout, IReadOnlyList<EvaluationLine> evaluations, ReportLanguage lang)
    {
        if (evaluations.Count == 0)
        {
            layout.Text(lang["coaching.evaluations.none"], 9);
            return;
        }
        PdfTable.Draw(layout, [new(lang["coaching.contactday"], 120), new(lang["coaching.contact"], 90),
                new(lang["coaching.form"], 140), new(lang["coaching.score"], 60, true),
                new(lang["coaching.kpi.disputes"], 89, true)],
            evaluations.Select(e => new[]
            {
                lang.DateTime(Amsterdam.ToLocal(e.ContactStartedUtc)), e.ContactId, e.Form,
                e.Score is { } s ? lang.Percent(s, 0) : "–", lang.Number(e.Disputes.Count),
            }), size: 8);
        foreach (var e in evaluations)
        foreach (var x in e.Disputes)
        {
            layout.Text($"{lang["contact"]} {e.ContactId} · {x.Item} · {lang["dispute." + x.Status]}", 7.5f,
                color: PdfLayout.Muted);
            layout.Text($"“{x.Comment}”" + (x.Resolution is { } r ? $" {lang["coaching.resolution"]}: {r}" : ""), 9);
            layout.Space(2);
        }
    }
}
