using Analytics.Insights.Calendar;

namespace Analytics.Insights.Repeats;

public enum RepeatScope
{
    /// <summary>Only a later contact about the same (agent-coded) reason makes the first one unresolved.</summary>
    SameReason,
    /// <summary>Any later contact of the customer makes the first one unresolved.</summary>
    AnyReason,
}

public enum RepeatWindow
{
    /// <summary>N Dutch working days after the contact's local day (weekends and holidays excluded).</summary>
    WorkingDays,
    /// <summary>N calendar days after the contact's local day.</summary>
    CalendarDays,
}

/// <summary>What counts as a repeat. Defaults: any later contact about the same reason within 5 working days.</summary>
public sealed record RepeatOptions(RepeatScope Scope = RepeatScope.SameReason, RepeatWindow Window = RepeatWindow.WorkingDays, int Days = 5)
{
    /// <summary>The last local day on which a later contact still counts as a repeat of a contact made on <paramref name="day"/>.</summary>
    public DateOnly Deadline(DateOnly day, DutchCalendar calendar) =>
        Window == RepeatWindow.WorkingDays ? calendar.AddWorkingDays(day, Days) : day.AddDays(Days);
}
