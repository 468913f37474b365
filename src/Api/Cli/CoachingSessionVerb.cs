using Analytics.Coaching;
using Analytics.Data;
using Analytics.Evaluations;
using Analytics.Insights.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Cli;

/// <summary>
/// Records a coaching session from the command line, as POST /api/v1/coaching/sessions does: the demo records the
/// sample centre's planted sessions so its coaching report has something to show. Recording the same agent, sub-skill
/// and day again changes nothing, so a second demo run does not double them.
/// </summary>
internal sealed class CoachingSessionVerb : ICliVerb
{
    public string Name => "coaching-session";
    public string Usage => "coaching-session --agent CODE --sub-skill CHECK|SECTION --held-on DATE --actions TEXT " +
                           "[--coach NAME]   record a coaching session (once per agent, sub-skill and day)";

    public async Task<int> RunAsync(CliArgs args, IServiceProvider services, CancellationToken ct)
    {
        var code = args.Require("agent");
        var subSkill = args.Require("sub-skill");
        var heldOn = args.GetDate("held-on") ?? throw new CliUsageException("--held-on is required");
        var actions = args.Require("actions");
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnalyticsDbContext>();
        var agent = await db.Agents.AsNoTracking().SingleOrDefaultAsync(a => a.Code == code, ct)
                    ?? throw new CliUsageException($"unknown agent '{code}'");
        if (!SubSkills.Known(subSkill, await db.Set<EvaluationForm>().AsNoTracking().ToListAsync(ct)))
            throw new CliUsageException($"--sub-skill: an auto-QA check ({string.Join(", ", AutoQa.Checks)}) or a " +
                                        "form section's code");
        if (await db.Set<CoachingSession>().AnyAsync(
                s => s.AgentId == agent.Id && s.SubSkill == subSkill && s.HeldOn == heldOn, ct))
        {
            Console.WriteLine($"coaching-session: {code} on {subSkill} on {heldOn:yyyy-MM-dd} was recorded before");
            return 0;
        }
        var options = scope.ServiceProvider.GetRequiredService<CoachingOptions>();
        var calendar = scope.ServiceProvider.GetRequiredService<DutchCalendar>();
        var session = new CoachingSession
        {
            AgentId = agent.Id, SubSkill = subSkill, AgreedActions = actions, HeldOn = heldOn,
            FollowUpOn = calendar.AddWorkingDays(heldOn, options.FollowUpWorkingDays),
            Coach = args.Get("coach") ?? "command line", CreatedUtc = DateTime.UtcNow,
        };
        db.Add(session);
        await db.SaveChangesAsync(ct);
        Console.WriteLine($"coaching-session: recorded #{session.Id} ({code} on {subSkill}, {heldOn:yyyy-MM-dd})");
        return 0;
    }
}
