using Analytics.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Analytics.Api.Access;

/// <summary>A named set of roles an endpoint is open to.</summary>
internal sealed record Policy(string Name, string[] Roles, string Meaning);

/// <summary>
/// Who may call what: one row per endpoint, the only place access is decided. Every endpoint of the API group must have
/// a row (the host refuses to start otherwise); <see cref="Apply"/> turns the row into the endpoint's authorization and,
/// for agent-level rows, its audit. docs/security.md and the README print this table.
/// </summary>
internal static class AccessMatrix
{
    public static readonly Policy Read = new("read",
        [Roles.Analyst, Roles.CxManager, Roles.QualityManager, Roles.Admin, Roles.TeamLead],
        "aggregates above the privacy thresholds");
    public static readonly Policy AgentLevel = new("agent-level", [.. Roles.AgentLevel, Roles.TeamLead],
        "figures, comments and contacts of individual agents (a team lead: of its own teams' agents only, see AgentScope); " +
        "every call audited");
    // Admin too, as everywhere: its key is bound to no agent, so it gets 404 past the checks of the request.
    public static readonly Policy Self = new("self", [Roles.Agent, Roles.Admin],
        "an agent's own scorecard, behaviour, comments and contacts, and everything stored about them (AVG art. 15); " +
        "every call audited");
    public static readonly Policy Everyone = new("everyone", Roles.All, "the privacy switches' current values");
    public static readonly Policy Manage = new("manage", [Roles.CxManager, Roles.Admin],
        "taxonomy, targets, alert detection");
    public static readonly Policy Schedule = new("schedule", [Roles.CxManager, Roles.QualityManager, Roles.Admin],
        "report definitions (a quality definition needs agent-level)");
    public static readonly Policy Correct = new("correct", [Roles.CxManager, Roles.QualityManager, Roles.Admin],
        "corrections of a contact's reason");
    public static readonly Policy Push = new("push", [Roles.Ingest, Roles.Admin], "uploads of data files");
    public static readonly Policy Batches = new("batches",
        [Roles.Analyst, Roles.CxManager, Roles.QualityManager, Roles.Admin, Roles.Ingest],
        "batch counts (an ingest key sees only its own batches)");
    public static readonly Policy Admin = new("admin", [Roles.Admin], "keys, jobs, audit, models, raw quarantined text, erasure");
    public static readonly Policy Forms = new("forms", [Roles.QualityManager, Roles.Admin], "evaluation forms");

    public static readonly Policy[] Policies = [Read, AgentLevel, Self, Everyone, Manage, Schedule, Correct, Push, Batches, Admin, Forms];

    /// <param name="Audited">Every answer (and every refusal) is written to the audit log.</param>
    /// <param name="Note">What else decides, inside the endpoint.</param>
    public sealed record Rule(Policy Policy, bool Audited = false, string? Note = null);

    private const string PerAgent = "groupBy=agent or agent=… needs agent-level (audited; a team lead with team=its own)";
    private const string Scoped = "a team lead: its own teams' agents only";
    private const string ByFamily = "the quality and coaching families need agent-level (audited; a team lead: team=its own, " +
        "or an agent of its own teams), the audit family admin";

    /// <summary>Keyed by method and route (parameter names without their constraints).</summary>
    public static readonly IReadOnlyDictionary<string, Rule> Rules = new Dictionary<string, Rule>(StringComparer.Ordinal)
    {
        ["GET /api/v1/metrics/{type}"] = new(Read, Note: PerAgent),
        ["GET /api/v1/metrics/contacts"] = new(Read, Note: PerAgent),
        ["GET /api/v1/insights/fcr"] = new(Read, Note: PerAgent),
        ["GET /api/v1/insights/drivers"] = new(Read),
        ["GET /api/v1/insights/failure-demand"] = new(Read),
        ["GET /api/v1/insights/alerts"] = new(Read),
        ["POST /api/v1/insights/alerts/detect"] = new(Manage),
        ["GET /api/v1/insights/agents/ranking"] = new(AgentLevel, Audited: true, Note: Scoped),
        ["GET /api/v1/insights/agents/behaviour"] = new(AgentLevel, Audited: true, Note: Scoped),
        ["GET /api/v1/insights/gaming"] = new(AgentLevel, Audited: true, Note: Scoped),
        ["GET /api/v1/insights/contacts/{id}/chain"] = new(AgentLevel, Audited: true, Note: Scoped),
        ["GET /api/v1/insights/contacts/{id}/behaviour"] = new(AgentLevel, Audited: true, Note: Scoped),
        ["GET /api/v1/agents/{code}/scorecard"] = new(AgentLevel, Audited: true, Note: Scoped),
        ["GET /api/v1/teams/{code}/scorecard"] = new(Read, Note: "its agents' ranking only for agent-level, a team lead for its own teams (audited)"),
        ["GET /api/v1/contacts"] = new(Read, Note: "agent filters and agent names only for agent-level (a team lead: with team=its own)"),
        ["GET /api/v1/contacts/{id}"] = new(AgentLevel, Audited: true, Note: Scoped),
        ["POST /api/v1/contacts/{id}/reason"] = new(Correct),
        ["GET /api/v1/reasons"] = new(Read),
        ["POST /api/v1/reasons"] = new(Manage),
        ["PUT /api/v1/reasons/{code}"] = new(Manage),
        ["DELETE /api/v1/reasons/{code}"] = new(Manage),
        ["GET /api/v1/reasons/trend"] = new(Read),
        ["GET /api/v1/reasons/pareto"] = new(Read),
        ["GET /api/v1/reasons/candidates"] = new(Read),
        ["POST /api/v1/reasons/candidates/{id}/accept"] = new(Manage),
        ["GET /api/v1/reasons/miscodes"] = new(Read, Note: PerAgent),
        ["GET /api/v1/targets"] = new(Read),
        ["POST /api/v1/targets"] = new(Manage),
        ["DELETE /api/v1/targets/{id}"] = new(Manage),
        ["GET /api/v1/targets/{id}/progress"] = new(Read),
        ["GET /api/v1/reports"] = new(Read, Note: "lists only reports the role may download"),
        ["GET /api/v1/reports/{id}/download"] = new(Read, Note: ByFamily),
        ["POST /api/v1/reports/run"] = new(Read, Note: ByFamily),
        ["GET /api/v1/reports/definitions"] = new(Schedule),
        ["GET /api/v1/reports/definitions/{id}"] = new(Schedule),
        ["POST /api/v1/reports/definitions"] = new(Schedule, Note: ByFamily),
        ["PUT /api/v1/reports/definitions/{id}"] = new(Schedule, Note: ByFamily),
        ["DELETE /api/v1/reports/definitions/{id}"] = new(Schedule, Note: ByFamily),
        ["POST /api/v1/reports/definitions/{id}/run"] = new(Schedule, Note: ByFamily),
        ["POST /api/v1/ingest/{kind}"] = new(Push),
        ["GET /api/v1/ingest/feeds"] = new(Read, Note: "state per feed (source and kind); no rows"),
        ["GET /api/v1/ingest/batches"] = new(Batches),
        ["GET /api/v1/ingest/batches/{id}"] = new(Batches),
        ["GET /api/v1/ingest/batches/{id}/quarantine"] = new(Admin, Audited: true),
        ["POST /api/v1/ingest/quarantine/resubmit"] = new(Admin, Audited: true),
        ["GET /api/v1/models"] = new(Read),
        ["POST /api/v1/models/{kind}/predict"] = new(Read),
        ["POST /api/v1/models/{kind}/retrain"] = new(Admin),
        ["POST /api/v1/models/{id}/promote"] = new(Admin),
        ["GET /api/v1/models/{id}"] = new(Read),
        ["GET /api/v1/models/{id}/health"] = new(Read),
        ["POST /api/v1/models/{kind}/review"] = new(Correct),
        ["POST /api/v1/models/{kind}/review/{contactId}"] = new(Correct),
        ["GET /api/v1/audit"] = new(Admin),
        ["GET /api/v1/me/scorecard"] = new(Self, Audited: true),
        ["GET /api/v1/me/contacts"] = new(Self, Audited: true),
        ["GET /api/v1/me/comments"] = new(Self, Audited: true),
        ["GET /api/v1/me/export"] = new(Self, Audited: true),
        ["GET /api/v1/privacy/switches"] = new(Everyone),
        ["PUT /api/v1/privacy/switches/{name}"] = new(Admin, Audited: true, Note: "old and new value in the audit log"),
        ["POST /api/v1/privacy/erasure"] = new(Admin, Note: "audited with counts and a hash of the key"),
        ["POST /api/v1/privacy/agents/{code}/leave"] = new(Admin, Audited: true),
        ["GET /api/v1/evaluation-forms"] = new(AgentLevel),
        ["GET /api/v1/evaluation-forms/{id}"] = new(AgentLevel),
        ["POST /api/v1/evaluation-forms"] = new(Forms),
        ["PUT /api/v1/evaluation-forms/{id}"] = new(Forms),
        ["DELETE /api/v1/evaluation-forms/{id}"] = new(Forms),
        ["POST /api/v1/evaluations"] = new(AgentLevel, Audited: true, Note: Scoped),
        ["GET /api/v1/evaluations"] = new(AgentLevel, Audited: true, Note: Scoped),
        ["GET /api/v1/evaluations/{id}"] = new(AgentLevel, Audited: true, Note: Scoped),
        ["PUT /api/v1/evaluations/{id}"] = new(AgentLevel, Audited: true, Note: Scoped + "; only its own evaluator, only a draft"),
        ["GET /api/v1/evaluations/agreement"] = new(AgentLevel, Note: "per auto-QA check over all evaluations; no agent figures"),
        ["GET /api/v1/evaluations/calibration"] = new(AgentLevel, Note: "per item and per evaluator; no agent figures"),
        ["GET /api/v1/evaluations/sample"] = new(AgentLevel, Audited: true, Note: Scoped),
        ["GET /api/v1/evaluations/disputes"] = new(AgentLevel, Audited: true, Note: Scoped),
        ["POST /api/v1/evaluations/disputes/{id}/resolve"] = new(AgentLevel, Audited: true, Note: Scoped),
        ["GET /api/v1/me/evaluations"] = new(Self, Audited: true),
        ["POST /api/v1/me/evaluations/{id}/disputes"] = new(Self, Audited: true),
        ["GET /api/v1/follow-ups"] = new(AgentLevel, Audited: true, Note: "a team lead: its own teams' tasks only"),
        ["POST /api/v1/follow-ups/{id}/close"] = new(AgentLevel, Audited: true, Note: "a team lead: its own teams' tasks only"),
        ["GET /api/v1/follow-ups/summary"] = new(AgentLevel, Audited: true, Note: "a team lead: its own teams only"),
        ["POST /api/v1/coaching/sessions"] = new(AgentLevel, Audited: true, Note: Scoped),
        ["GET /api/v1/coaching/sessions"] = new(AgentLevel, Audited: true, Note: Scoped),
        ["GET /api/v1/coaching/sessions/{id}"] = new(AgentLevel, Audited: true, Note: Scoped),
        ["GET /api/v1/coaching/sessions/{id}/effect"] = new(AgentLevel, Audited: true, Note: Scoped + "; per session, never ranked"),
        ["GET /api/v1/me/coaching"] = new(Self, Audited: true),
    };

    /// <summary>"GET /api/v1/metrics/{type}" for an endpoint: its method and route without parameter constraints.</summary>
    public static string KeyOf(string method, RoutePattern pattern) =>
        method + " " + string.Concat(pattern.PathSegments.Select(s => "/" + string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart l => l.Content,
            RoutePatternParameterPart q => "{" + q.Name + "}",
            RoutePatternSeparatorPart sep => sep.Content,
            _ => "",
        }))));

    private static readonly AuditAgentAccessFilter AuditFilter = new();

    public static Rule? Find(EndpointBuilder endpoint)
    {
        if (endpoint is not RouteEndpointBuilder route) return null;
        var method = endpoint.Metadata.OfType<IHttpMethodMetadata>().FirstOrDefault()?.HttpMethods.FirstOrDefault() ?? "GET";
        return Rules.GetValueOrDefault(KeyOf(method, route.RoutePattern));
    }

    /// <summary>A convention for the API group: each endpoint gets its row's policy and audit, or the host fails.</summary>
    public static void Apply(EndpointBuilder endpoint)
    {
        var rule = Find(endpoint) ?? throw new InvalidOperationException(
            $"endpoint '{endpoint.DisplayName}' has no row in the access matrix (src/Api/Access/AccessMatrix.cs)");
        endpoint.Metadata.Add(new AuthorizeAttribute(rule.Policy.Name));
        endpoint.Metadata.Add(rule);
        if (rule.Audited) endpoint.FilterFactories.Add((_, next) => ctx => AuditFilter.InvokeAsync(ctx, next));
    }

    public static void AddPolicies(AuthorizationBuilder builder)
    {
        foreach (var p in Policies) builder.AddPolicy(p.Name, b => b.RequireRole(p.Roles));
    }
}
