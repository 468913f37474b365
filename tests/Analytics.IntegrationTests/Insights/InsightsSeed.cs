using Analytics.Agents;
using Analytics.Contacts;
using Analytics.Data;
using Analytics.Reasons;
using Analytics.Surveys;
using Analytics.Time;

namespace Analytics.IntegrationTests.Insights;

/// <summary>Builds small hand-made datasets straight through EF, so each test states its own facts.</summary>
public sealed class InsightsSeed(AnalyticsDbContext db)
{
    private readonly Dictionary<string, Team> _teams = [];
    private readonly Dictionary<string, Agent> _agents = [];
    private readonly Dictionary<string, Customer> _customers = [];
    private readonly Dictionary<string, ContactReason> _reasons = [];
    private readonly Dictionary<string, Contact> _contacts = [];
    private int _surveys;

    public Agent Agent(string code, string team)
    {
        if (_agents.TryGetValue(code, out var a)) return a;
        if (!_teams.TryGetValue(team, out var t)) db.Teams.Add(_teams[team] = t = new Team { Code = team, Name = "Team " + team });
        db.Agents.Add(a = _agents[code] = new Agent { Code = code, Name = "Agent " + code, Team = t });
        return a;
    }

    public ContactReason Reason(string code, string department = "billing", bool avoidable = false)
    {
        if (_reasons.TryGetValue(code, out var r)) return r;
        db.Reasons.Add(r = _reasons[code] = new ContactReason { Code = code, NameNl = code, NameEn = code, Department = department, Avoidable = avoidable });
        return r;
    }

    /// <summary>A contact at a local (Amsterdam) time.</summary>
    public Contact Contact(string id, string? customer, DateTime local, string? reason, string agent = "A1", string team = "T1",
        string channel = "phone", string? outcome = "resolved", int wait = 30, int talk = 300, int transfers = 0)
    {
        var a = Agent(agent, team);
        Customer? cu = null;
        if (customer is not null && !_customers.TryGetValue(customer, out cu)) db.Customers.Add(cu = _customers[customer] = new Customer { Key = customer });
        var r = reason is null ? null : Reason(reason);
        db.SaveChanges(); // the foreign keys below need the ids
        var c = new Contact
        {
            Source = "test", SourceId = id, Channel = channel, StartedUtc = Amsterdam.ToUtc(local), Outcome = outcome,
            WaitSeconds = wait, TalkSeconds = talk, Transfers = transfers, AgentId = a.Id, CustomerId = cu?.Id, ReasonId = r?.Id,
        };
        db.Contacts.Add(c);
        _contacts[id] = c;
        db.SaveChanges();
        return c;
    }

    public long Id(string contact) => _contacts[contact].Id;

    public SurveyResponse Survey(string contact, int score, string type = SurveyTypes.Nps)
    {
        var c = _contacts[contact];
        var s = new SurveyResponse
        {
            Source = "test", SourceId = "S" + ++_surveys, Type = type, Score = score,
            RespondedUtc = c.StartedUtc.AddHours(2), ContactId = c.Id, CustomerId = c.CustomerId,
        };
        db.Surveys.Add(s);
        db.SaveChanges();
        return s;
    }

    public void Turn(string contact, int seq, string speaker, int startMs, int endMs, string text)
    {
        db.TranscriptTurns.Add(new TranscriptTurn { ContactId = _contacts[contact].Id, Seq = seq, Speaker = speaker, StartMs = startMs, EndMs = endMs, Text = text });
        db.SaveChanges();
    }
}
