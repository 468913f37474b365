using System.Text;
using Analytics.Access;
using Analytics.Api.Access;
using Analytics.Api.Metrics;
using Analytics.Privacy;
using Microsoft.Extensions.Configuration;

namespace Analytics.IntegrationTests.Access;

/// <summary>
/// docs/privacy.md (Dutch and English) prints who sees what from the access matrix and the switches with their values
/// in src/Api/appsettings.json; this test fails when the document and the code differ.
/// Regenerate: `ANALYTICS_UPDATE_PRIVACY_DOC=1 ./analytics test --filter PrivacyDocument`.
/// </summary>
public sealed class PrivacyDocumentTests
{
    /// <summary>What a works council asks about, each a set of routes; every route must be in exactly one.</summary>
    private static readonly (string Nl, string En, string[] Prefixes)[] Kinds =
    [
        ("Cijfers van groepen (NPS, CES, CSAT, contact-KPI's, FCR, redenen, drijfveren, doelen, teamscorecards)",
            "Figures of groups (NPS, CES, CSAT, contact KPIs, FCR, reasons, drivers, targets, team scorecards)",
            ["GET /api/v1/metrics/", "GET /api/v1/insights/fcr", "GET /api/v1/insights/drivers", "GET /api/v1/insights/failure-demand",
             "GET /api/v1/insights/alerts", "GET /api/v1/reasons", "GET /api/v1/targets", "GET /api/v1/teams/"]),
        ("Cijfers van individuele medewerkers (scorecards, ranglijst, gedragschecks, enquêtebeïnvloeding)",
            "Figures of individual agents (scorecards, ranking, behaviour checks, survey gaming)",
            ["GET /api/v1/agents/", "GET /api/v1/insights/agents/", "GET /api/v1/insights/gaming"]),
        ("Contacten: notities, transcripten, enquêtes, herhaalketens", "Contacts: notes, transcripts, surveys, repeat chains",
            ["GET /api/v1/contacts", "GET /api/v1/insights/contacts/"]),
        ("Eigen gegevens en het inzageverzoek (AVG art. 15)", "One's own data and the access request (AVG art. 15)",
            ["GET /api/v1/me/", "POST /api/v1/me/"]),
        ("PDF-rapporten en rapportschema's", "PDF reports and report schedules", ["GET /api/v1/reports", "POST /api/v1/reports", "PUT /api/v1/reports", "DELETE /api/v1/reports"]),
        ("Beheer: taxonomie, doelen, correcties, meldingen", "Management: taxonomy, targets, corrections, alerts",
            ["POST /api/v1/reasons", "PUT /api/v1/reasons", "DELETE /api/v1/reasons", "POST /api/v1/targets", "DELETE /api/v1/targets",
             "POST /api/v1/contacts/", "POST /api/v1/insights/alerts"]),
        ("Gegevens inlezen en batches", "Loading data and batches", ["POST /api/v1/ingest/", "GET /api/v1/ingest/"]),
        ("Modellen (redenen, sentiment)", "Models (reasons, sentiment)", ["GET /api/v1/models", "POST /api/v1/models/"]),
        ("Beoordelingen: formulieren, beoordelingen van contacten, kalibratie, steekproeven, bezwaren",
            "Evaluations: forms, evaluations of contacts, calibration, samples, disputes",
            ["GET /api/v1/evaluation-forms", "POST /api/v1/evaluation-forms", "PUT /api/v1/evaluation-forms",
             "DELETE /api/v1/evaluation-forms", "GET /api/v1/evaluations", "POST /api/v1/evaluations", "PUT /api/v1/evaluations"]),
        ("Opvolging van detractors en herhaalbellers (taken)", "Follow-up of detractors and repeat callers (tasks)",
            ["GET /api/v1/follow-ups", "POST /api/v1/follow-ups"]),
        ("Coaching: gesprekken, afspraken en hun gemeten effect", "Coaching: sessions, agreed actions and their measured effect",
            ["GET /api/v1/coaching/", "POST /api/v1/coaching/"]),
        ("Privacy-schakelaars lezen", "Reading the privacy switches", ["GET /api/v1/privacy/"]),
        ("Auditlog, privacy-schakelaars zetten, klanten wissen, vertrek van medewerkers",
            "Audit log, setting the privacy switches, erasing customers, agents who leave",
            ["GET /api/v1/audit", "PUT /api/v1/privacy/", "POST /api/v1/privacy/"]),
    ];

    private static IEnumerable<string> RoutesOf((string Nl, string En, string[] Prefixes) kind) =>
        AccessMatrix.Rules.Keys.Where(k => kind.Prefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal)));

    internal static string WhoSeesWhat(bool dutch)
    {
        var roles = Roles.All;
        var text = new StringBuilder();
        text.Append(dutch ? "| gegevens | " : "| data | ").AppendJoin(" | ", roles.Select(r => $"`{r}`")).Append(" |\n");
        text.Append("| --- |").Append(string.Concat(roles.Select(_ => " :-: |"))).Append('\n');
        foreach (var kind in Kinds)
        {
            var rules = RoutesOf(kind).Select(k => AccessMatrix.Rules[k]).ToList();
            text.Append("| ").Append(dutch ? kind.Nl : kind.En).Append(" | ");
            text.AppendJoin(" | ", roles.Select(role => Cell(rules, role, dutch))).Append(" |\n");
        }
        return text.ToString();
    }

    /// <summary>✓ every route of the kind, "some" part of them, — none; scoped roles say whose data.</summary>
    private static string Cell(List<AccessMatrix.Rule> rules, string role, bool dutch)
    {
        var open = rules.Count(r => r.Policy.Roles.Contains(role));
        if (open == 0) return "—";
        var mark = open == rules.Count ? "✓" : dutch ? "deels" : "some";
        var agentLevel = rules.Any(r => r.Policy.Roles.Contains(role) && (r.Policy == AccessMatrix.AgentLevel || r.Policy == AccessMatrix.Self));
        return (role, agentLevel) switch
        {
            (Roles.TeamLead, true) => mark + (dutch ? " (eigen teams)" : " (own teams)"),
            (Roles.Agent, true) => mark + (dutch ? " (alleen eigen)" : " (own only)"),
            _ => mark,
        };
    }

    internal static string Switches(bool dutch)
    {
        var settings = new ConfigurationBuilder().AddJsonFile(Path.Combine(Root(), "src", "Api", "appsettings.json")).Build();
        var values = settings.GetSection("Privacy:Switches").Get<PrivacySwitchOptions>() ?? new PrivacySwitchOptions();
        var privacy = settings.GetSection("Privacy").Get<PrivacyOptions>() ?? new PrivacyOptions();
        var current = new SwitchValues(values.Ranking, values.GamingSignals, values.TranscriptsForQualityManagers,
            privacy.MinimumAgents, privacy.MinimumResponses);
        var text = new StringBuilder();
        text.Append(dutch ? "| schakelaar | instelling | standaard | uit betekent |\n" : "| switch | setting | default | off means |\n");
        text.Append("| --- | --- | :-: | --- |\n");
        foreach (var s in PrivacySwitches.All)
            text.Append($"| `{s.Name}` | `{s.Setting}` | {(current[s.Name] ? dutch ? "aan" : "on" : dutch ? "uit" : "off")} | " +
                        $"{(dutch ? s.OffNl : s.Off)} |\n");
        text.Append(dutch
            ? $"| minimale groep | `Privacy:MinimumAgents`, `Privacy:MinimumResponses` | {current.MinimumAgents} / {current.MinimumResponses} | " +
              "groepen met minder medewerkers of reacties zijn verborgen voor rollen zonder toegang tot medewerkers |\n"
            : $"| minimum group | `Privacy:MinimumAgents`, `Privacy:MinimumResponses` | {current.MinimumAgents} / {current.MinimumResponses} | " +
              "groups with fewer agents or responses are hidden from roles without agent-level access |\n");
        return text.ToString();
    }

    /// <summary>Each kind of personal data, what happens to it when its period ends, and the period configured now.</summary>
    internal static string Retention(bool dutch)
    {
        var settings = new ConfigurationBuilder().AddJsonFile(Path.Combine(Root(), "src", "Api", "appsettings.json")).Build();
        var r = settings.GetSection("Retention").Get<RetentionOptions>() ?? new RetentionOptions();
        (string Setting, int Days, string Nl, string En)[] kinds =
        [
            ("ContactsDays", r.ContactsDays, "contacten: notities gewist, koppeling aan de klant vervangen door een anonieme; de rij blijft voor de cijfers",
                "contacts: notes blanked, the customer link replaced by an anonymous one; the row stays for the figures"),
            ("TranscriptsDays", r.TranscriptsDays, "transcripten: verwijderd", "transcripts: deleted"),
            ("SurveyCommentsDays", r.SurveyCommentsDays, "enquêteopmerkingen: gewist, de score blijft", "survey comments: blanked, the score stays"),
            ("QuarantineRawDays", r.QuarantineRawDays, "afgekeurde regels: ruwe tekst gewist, regelnummer en reden blijven",
                "quarantined lines: raw text blanked, line number and reason stay"),
            ("AuditLogDays", r.AuditLogDays, $"auditlog: verwijderd (minstens {RetentionOptions.MinimumAuditLogDays} dagen)",
                $"audit log: deleted (at least {RetentionOptions.MinimumAuditLogDays} days)"),
            ("ReportsDays", r.ReportsDays, "gemaakte rapporten (PDF): verwijderd", "rendered reports (PDF): deleted"),
            ("AgentPseudonymiseAfterDays", r.AgentPseudonymiseAfterDays,
                "vertrokken medewerkers (na de laatste werkdag): naam wordt een vaste code, de cijfers tellen mee voor het team",
                "agents who left (after their last working day): the name becomes a stable code, the figures still count for the team"),
        ];
        var text = new StringBuilder();
        text.Append(dutch ? "| gegevens en wat er gebeurt | instelling | termijn nu |\n" : "| data and what happens | setting | period now |\n");
        text.Append("| --- | --- | --- |\n");
        foreach (var k in kinds)
            text.Append($"| {(dutch ? k.Nl : k.En)} | `Retention:{k.Setting}` | " +
                        $"{(k.Days == 0 ? dutch ? "bewaard (geen termijn)" : "kept (no period)" : dutch ? $"{k.Days} dagen" : $"{k.Days} days")} |\n");
        return text.ToString();
    }

    private static string Root()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Analytics.sln"))) root = root.Parent;
        Assert.NotNull(root);
        return root.FullName;
    }

    [Fact]
    public void EveryRouteIsInExactlyOneKindOfData()
    {
        var counted = Kinds.SelectMany(RoutesOf).ToList();
        Assert.Empty(AccessMatrix.Rules.Keys.Except(counted));
        Assert.Equal(counted.Count, counted.Distinct().Count());
    }

    [Fact]
    public async Task TheDocumentMatchesTheAccessMatrixAndTheSwitches()
    {
        var path = Path.Combine(Root(), "docs", "privacy.md");
        var doc = (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n");
        var generated = doc;
        foreach (var (name, content) in new[]
                 {
                     ("roles:nl", WhoSeesWhat(dutch: true)), ("roles:en", WhoSeesWhat(dutch: false)),
                     ("switches:nl", Switches(dutch: true)), ("switches:en", Switches(dutch: false)),
                     ("retention:nl", Retention(dutch: true)), ("retention:en", Retention(dutch: false)),
                 })
        {
            var begin = $"<!-- {name}:begin (generated) -->";
            var end = $"<!-- {name}:end -->";
            var start = generated.IndexOf(begin, StringComparison.Ordinal);
            var stop = generated.IndexOf(end, StringComparison.Ordinal);
            Assert.True(start >= 0 && stop > start, $"{path} lacks the markers {begin} … {end}");
            generated = generated[..(start + begin.Length)] + "\n" + content + generated[stop..];
        }
        if (Environment.GetEnvironmentVariable("ANALYTICS_UPDATE_PRIVACY_DOC") == "1")
        {
            await File.WriteAllTextAsync(path, generated);
            doc = generated;
        }
        Assert.Equal(generated, doc);
    }
}
