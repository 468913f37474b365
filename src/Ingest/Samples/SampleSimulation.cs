using System.Globalization;
using System.Text;

namespace Analytics.Ingest.Samples;

/// <summary>
/// The day-by-day simulation. Three random streams keep concerns apart: the world stream decides everything
/// measurable (who, when, how long, outcome, scores, repeats); the text stream writes notes and comments; the
/// transcript stream picks and writes transcripts. Changing the transcript share therefore leaves contacts and surveys
/// byte-identical. Contacts are processed in time order and written at once; what is kept in memory is one day of
/// contacts, the repeats scheduled for the coming week and the customers seen in the last 10 days.
/// </summary>
internal sealed class SampleSimulation
{
    private const double MisrouteRate = 0.12;
    private const double MiscodeRate = 0.04;
    private const double NpsShare = 0.6, CesShare = 0.2;
    private const double CustomersPerContact = 1.2;

    private const string IdFormat = "D8", CustomerFormat = "D7";

    private static string ContactId(long contactNo) => "K" + contactNo.ToString(IdFormat, CultureInfo.InvariantCulture);

    private readonly record struct Pending(long StartUtc, long Seq, int Customer, int Reason, string Channel);

    private readonly SampleOptions _o;
    private readonly SampleCalendar _calendar;
    private readonly Random _world, _text, _transcript;
    private readonly LocalTimes _times;
    private readonly RecentContacts _recent = new(ScoreModel.RepeatWindow.Ticks);
    private readonly PriorityQueue<Pending, (long, long)> _pending = new();
    private readonly List<Pending> _today = [];
    private readonly TranscriptTexts _transcriptTexts = new();
    private readonly StringBuilder _notes = new(256), _comment = new(256);
    private readonly int[] _categoryOf = SampleCatalog.Reasons.Select(r => Array.FindIndex(SampleCatalog.Categories, c => c.Code == r.Category)).ToArray();
    private readonly int[] _teamOfCategory = SampleCatalog.Categories.Select(c => Array.FindIndex(SampleCatalog.Teams, t => t.Code == c.Team)).ToArray();
    private readonly int _onlineTeam = Array.FindIndex(SampleCatalog.Teams, t => t.Code == SampleCatalog.OnlineTeam);
    private readonly string[] _teamNameOfAgent = SampleCatalog.Agents.Select(a => SampleCatalog.Team(a.Team).Name).ToArray();
    private readonly SampleCategory[][] _otherCategories = SampleCatalog.Categories.Select(c => SampleCatalog.Categories.Where(x => x != c).ToArray()).ToArray();
    private readonly SampleReason[][] _siblings = SampleCatalog.Reasons.Select(r => SampleCatalog.Reasons.Where(x => x.Category == r.Category && x != r).ToArray()).ToArray();
    private readonly SampleAgent[][] _agentsByTeam;
    private readonly double[][] _agentCumulative;
    private readonly int _customers;
    private readonly int _complaint = SampleCatalog.Reason("OPZ-KLACHT").Index;
    private long _seq, _contactNo, _responseNo;

    public long Surveys { get; private set; }
    public long TranscriptContacts { get; private set; }
    public long TranscriptTurns { get; private set; }
    public PlantedCoaching? Coaching => _coaching?.Result(_o.StartDay);
    private readonly CoachingTruth? _coaching;

    public SampleSimulation(SampleOptions o, SampleCalendar calendar, LocalTimes times)
    {
        _o = o;
        _calendar = calendar;
        _times = times;
        _world = new Random(o.Seed);
        _text = new Random(unchecked(o.Seed * 31 + 17));
        _transcript = new Random(unchecked(o.Seed * 31 + 29));
        _customers = Math.Max(100, (int)Math.Min(int.MaxValue - 1, o.Contacts * CustomersPerContact));
        _agentsByTeam = SampleCatalog.Teams.Select(t => SampleCatalog.Agents.Where(a => a.Team == t.Code).ToArray()).ToArray();
        _agentCumulative = _agentsByTeam.Select(a => Rng.Cumulative(a.Select(x => x.Volume))).ToArray();
        if (o.PlantCoaching) _coaching = new CoachingTruth(o.StartDay);
    }

    public void Run(CsvSink contacts, CsvSink transcripts, CsvSink surveys)
    {
        for (var d = 0; d < _calendar.Days.Count; d++)
        {
            var target = _calendar.Targets[d];
            var dayEnd = _calendar.DayEndUtc(d);
            _today.Clear();
            while (_pending.TryPeek(out var p, out _) && p.StartUtc < dayEnd)
            {
                _pending.Dequeue();
                // Repeats beyond the day's total are dropped so the run has exactly the requested size.
                if (_today.Count < target) _today.Add(p);
            }
            var mix = _calendar.ReasonCumulative(_calendar.Days[d]);
            for (var i = _today.Count; i < target; i++)
                _today.Add(new Pending(_calendar.SampleStartUtc(_world, d), _seq++, _world.Next(1, _customers + 1),
                    _world.PickCumulative(mix), PickChannel()));
            _today.Sort(static (a, b) => a.StartUtc != b.StartUtc ? a.StartUtc.CompareTo(b.StartUtc) : a.Seq.CompareTo(b.Seq));
            foreach (var p in _today) Process(p, d, contacts, transcripts, surveys);
        }
    }

    private string PickChannel()
    {
        var u = _world.NextDouble();
        return u < _o.PhoneShare ? "phone" : u < _o.PhoneShare + _o.ChatShare ? "chat" : "email";
    }

    private void Process(in Pending p, int day, CsvSink contacts, CsvSink transcripts, CsvSink surveys)
    {
        var r = _world;
        var contactNo = ++_contactNo;
        var reason = SampleCatalog.Reasons[p.Reason];
        var category = SampleCatalog.Categories[_categoryOf[p.Reason]];
        var prior = _recent.CountPriorAndAdd(p.Customer, p.StartUtc);
        var hour = _calendar.LocalHour(p.StartUtc, day);
        var load = _calendar.DayLoad[day] * _calendar.HourLoad(hour);
        var phone = p.Channel == "phone";

        var wait = p.Channel switch
        {
            "phone" => Seconds(r.LogNormal(45 * Math.Pow(load, 1.5), 0.9), 1800),
            "chat" => Seconds(r.LogNormal(30 * load, 0.8), 900),
            _ => Seconds(r.LogNormal(5400, 0.8), 8 * 3600),
        };
        var misrouted = phone && r.Chance(MisrouteRate);
        var queue = p.Channel switch
        {
            "chat" => SampleCatalog.ChatQueue,
            "email" => SampleCatalog.EmailQueue,
            _ => misrouted ? _world.Pick(_otherCategories[_categoryOf[p.Reason]]).Queue : category.Queue,
        };

        if (phone && r.Chance(wait / (wait + 900.0)))
        {
            WriteContact(contacts, contactNo, p, queue, wait, 0, 0, 0, 0, "abandoned", null, null, hasNotes: false);
            if (r.Chance(ScoreModel.RetryAfterAbandon)) Schedule(p.Customer, p.Reason, "phone", day, r.Chance(0.7) ? 1 : 2);
            return;
        }

        var transfers = misrouted ? (r.Chance(0.15) ? 2 : 1) : p.Channel == "chat" && r.Chance(0.04) ? 1 : 0;
        var teamIndex = phone ? _teamOfCategory[_categoryOf[p.Reason]] : _onlineTeam;
        var agent = _agentsByTeam[teamIndex][r.PickCumulative(_agentCumulative[teamIndex])];
        var escalation = ScoreModel.Escalation(reason);
        var outcome = r.Chance(p.Channel == "email" ? escalation / 2 : escalation) ? "transferred"
            : r.Chance(ScoreModel.IsWeak(agent) ? ScoreModel.CallbackRateWeakAgent : ScoreModel.CallbackRate) ? "callback"
            : "resolved";
        if (outcome == "transferred") transfers++;
        var talk = p.Channel switch
        {
            "phone" => Math.Max(40, Seconds(r.LogNormal(reason.TalkMedianS * (1 + 0.25 * transfers), 0.45), 3600)),
            "chat" => Math.Max(120, Seconds(r.LogNormal(reason.TalkMedianS * 2.0, 0.5), 5400)),
            _ => Math.Max(60, Seconds(r.LogNormal(reason.TalkMedianS * 0.6, 0.5), 3600)),
        };
        var hold = phone && r.Chance(0.45) ? r.Next(15, 240) + 30 * transfers : 0;
        var acw = Math.Clamp(Seconds(r.LogNormal(60, 0.5), 600), 10, 600);
        var coded = r.Chance(MiscodeRate) && _siblings[p.Reason].Length > 0 ? r.Pick(_siblings[p.Reason]) : reason;

        var (pInterrupt, pPostcode, pSummarise) = ScoreModel.Behaviour(agent);
        var spoken = p.Channel != "email";
        var interrupted = phone && r.Chance(pInterrupt);
        var postcodeFirst = spoken && r.Chance(pPostcode);
        // One draw decides both what happened and what would have happened without the planted coaching.
        var uSummarise = spoken ? r.NextDouble() : 1;
        var localDay = _calendar.Days[day];
        var summarised = uSummarise < (_coaching?.Summarise(agent, localDay, pSummarise) ?? pSummarise);
        var usuallySummarised = uSummarise < pSummarise;
        var askedForTen = spoken && agent.Id == ScoreModel.GamingAgent && r.Chance(ScoreModel.GamingAskRate);

        var drivers = new ScoreDrivers(reason, agent, p.Channel, prior, transfers, wait, outcome, interrupted, postcodeFirst, summarised, askedForTen);
        var experience = ScoreModel.Latent(drivers) + ScoreModel.NoiseSd * r.Normal();
        var u = r.NextDouble();
        double cesNoise = 0;
        var rate = _o.SurveyRate;
        var surveyType = u < rate * NpsShare ? "nps" : u < rate * (NpsShare + CesShare) ? "ces" : u < rate ? "csat" : null;
        var score = surveyType switch
        {
            "nps" => ScoreModel.Nps(experience, askedForTen),
            "ces" => ScoreModel.Ces(experience, cesNoise = 0.5 * r.Normal()),
            "csat" => ScoreModel.Csat(experience, 0.4 * r.Normal()),
            _ => 0,
        };
        var endedUtc = p.StartUtc + TimeSpan.TicksPerSecond * (wait + talk + hold);
        var respondedUtc = endedUtc + TimeSpan.TicksPerMinute * 5 + (long)(Math.Pow(r.NextDouble(), 2) * (TimeSpan.TicksPerDay * 3 - TimeSpan.TicksPerMinute * 5));
        if (r.Chance(ScoreModel.RepeatChance(reason, outcome, agent)))
        {
            var repeatReason = r.Chance(ScoreModel.RepeatAsComplaint) ? _complaint : p.Reason;
            var channel = r.Chance(0.7) ? p.Channel : "phone";
            Schedule(p.Customer, repeatReason, channel, day, 1 + (int)(Math.Pow(r.NextDouble(), 1.6) * 7));
        }

        // Text and transcripts come from their own streams: nothing below changes the world stream.
        var facts = new ContactFacts(reason, p.Channel, outcome, transfers, prior, wait, talk, agent, hour, interrupted, postcodeFirst, summarised, askedForTen);
        NoteTexts.Compose(_text, facts, _notes);
        WriteContact(contacts, contactNo, p, queue, wait, talk, hold, acw, transfers, outcome, agent, coded.Code, hasNotes: true);

        if (spoken && _transcript.NextDouble() < _o.TranscriptShare)
        {
            TranscriptTurns += _transcriptTexts.Write(transcripts, _transcript, ContactId(contactNo), facts, experience);
            _coaching?.Transcript(agent, localDay, summarised, usuallySummarised);
            TranscriptContacts++;
        }
        if (surveyType is not null)
        {
            if (_coaching is not null && summarised != usuallySummarised)
            {
                var usual = experience - ScoreModel.Summarising;
                _coaching.Response(agent, localDay, surveyType, score,
                    surveyType == "nps" ? ScoreModel.Nps(usual, askedForTen) : ScoreModel.Ces(usual, cesNoise));
            }
            else _coaching?.Response(agent, localDay, surveyType, score, score);
            var hasComment = CommentTexts.Compose(_text, facts, experience, _comment);
            surveys.Id('R', ++_responseNo, IdFormat);
            surveys.Field(surveyType);
            surveys.Field(score);
            if (hasComment) surveys.Field(_comment);
            else surveys.Field((string?)null);
            surveys.Timestamp(respondedUtc);
            surveys.Id('K', contactNo, IdFormat);
            surveys.Id('C', p.Customer, CustomerFormat);
            surveys.EndRow();
            Surveys++;
        }
    }

    private void WriteContact(CsvSink s, long contactNo, in Pending p, string queue, int wait, int talk, int hold, int acw, int transfers,
        string outcome, SampleAgent? agent, string? reasonCode, bool hasNotes)
    {
        s.Id('K', contactNo, IdFormat);
        s.Field(p.Channel);
        s.Field(queue);
        s.Timestamp(p.StartUtc);
        s.Timestamp(p.StartUtc + TimeSpan.TicksPerSecond * (wait + talk + hold));
        s.Field(wait);
        s.Field(talk);
        s.Field(hold);
        s.Field(acw);
        s.Field(transfers);
        s.Field(outcome);
        s.Field(agent?.Id);
        s.Field(agent?.Name);
        s.Field(agent?.Team);
        s.Field(agent is null ? null : _teamNameOfAgent[agent.Index]);
        s.Id('C', p.Customer, CustomerFormat);
        s.Field(reasonCode);
        if (hasNotes) s.Field(_notes);
        else s.Field((string?)null);
        s.EndRow();
    }

    private void Schedule(int customer, int reason, string channel, int day, int delayDays)
    {
        var later = _calendar.LaterDay(day, delayDays);
        if (later < 0) return;
        var start = _calendar.SampleStartUtc(_world, later);
        var seq = _seq++;
        _pending.Enqueue(new Pending(start, seq, customer, reason, channel), (start, seq));
    }

    private static int Seconds(double value, int cap) => (int)Math.Min(cap, Math.Round(value, MidpointRounding.AwayFromZero));
}
