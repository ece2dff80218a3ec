using NodaTime;
using NodaTime.Text;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Runs;

/// <summary>A new run series as an organiser or leader asks for it, checked before anything is saved.</summary>
public record SeriesRequest(
    string? Title, string? Frequency, string? DayOfWeek, int? WeekOfMonth, string? LocalTime,
    string? StartsOn, string? EndsOn, int? MeetingPointId, int? ApproxDistanceKm, bool? IsVirtual = null, int? TalkOnlineAfterMinutes = null)
{
    public (RunSeries? Series, Dictionary<string, string[]> Errors) Check(Group group, IReadOnlyCollection<MeetingPoint> meetingPoints, Instant now)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        var title = Title?.Trim() ?? "";
        if (title.Length == 0) Add("title", "Give the series a name, like \"Thursday evening run\".");
        else if (title.Length > 120) Add("title", "The name must be 120 characters or fewer.");

        SeriesFrequency frequency = SeriesFrequency.Weekly;
        if (!string.IsNullOrEmpty(Frequency) && !Enum.TryParse(Frequency, ignoreCase: true, out frequency) || !Enum.IsDefined(frequency))
            Add("frequency", "Frequency must be weekly, fortnightly or monthly.");

        IsoDayOfWeek day = IsoDayOfWeek.None;
        if (string.IsNullOrEmpty(DayOfWeek) || !Enum.TryParse(DayOfWeek, ignoreCase: true, out day) || day == IsoDayOfWeek.None || !Enum.IsDefined(day))
            Add("dayOfWeek", "Choose the day of the week, like thursday.");

        if (frequency == SeriesFrequency.Monthly && WeekOfMonth is not (1 or 2 or 3 or 4 or -1))
            Add("weekOfMonth", "For a monthly run, say which week: 1 to 4 for the first to the fourth, or -1 for the last.");

        var time = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(LocalTime ?? "");
        if (!time.Success) Add("localTime", "Give the start time as hours and minutes on a 24-hour clock, like 19:00.");

        // Both from today to two years ahead (Shared/DateWindow).
        var today = now.InZone(group.Zone).Date;
        var datePattern = LocalDatePattern.Iso;
        var startsOn = datePattern.Parse(StartsOn ?? "");
        if (!startsOn.Success) Add("startsOn", "Give the date of the first run, like 2026-12-03.");
        else if (DateWindow.CheckPlanned(startsOn.Value, today, "The first run") is { } startError) Add("startsOn", startError);
        LocalDate? endsOn = null;
        if (!string.IsNullOrEmpty(EndsOn))
        {
            var parsed = datePattern.Parse(EndsOn);
            if (!parsed.Success) Add("endsOn", "Give the end date like 2027-06-30, or leave it out.");
            else if (DateWindow.CheckPlanned(parsed.Value, today, "The end date") is { } endError) Add("endsOn", endError);
            else endsOn = parsed.Value;
        }

        var isVirtual = IsVirtual == true;
        if (isVirtual && MeetingPointId is not null)
            Add("meetingPointId", "A virtual series has no meeting point: everyone runs wherever they are. Leave the meeting point out.");
        else if (MeetingPointId is { } mp && meetingPoints.All(m => m.Id != mp))
            Add("meetingPointId", "Choose one of this group's own meeting points.");
        if (!isVirtual && TalkOnlineAfterMinutes is not null)
            Add("talkOnlineAfterMinutes", "Only a virtual series has an online talk afterwards.");
        else if (TalkOnlineAfterMinutes is { } talk && (talk < 0 || talk > 180))
            Add("talkOnlineAfterMinutes", "The online talk should start between 0 and 180 minutes after the run starts.");
        if (ApproxDistanceKm is { } km && (km < 1 || km > 21))
            Add("approxDistanceKm", "The route should be between 1 and 21 km.");

        if (errors.Count > 0) return (null, errors);

        var series = new RunSeries
        {
            GroupId = group.Id, Title = title, Frequency = frequency, DayOfWeek = day,
            WeekOfMonth = frequency == SeriesFrequency.Monthly ? WeekOfMonth : null,
            LocalTime = time.Value.ToTimeOnly(), StartsOn = startsOn.Value.ToDateOnly(), EndsOn = endsOn?.ToDateOnly(),
            MeetingPointId = isVirtual ? null : MeetingPointId ?? meetingPoints.FirstOrDefault(m => m.IsBase)?.Id,
            ApproxDistanceKm = ApproxDistanceKm ?? 5,
            IsVirtual = isVirtual, TalkOnlineAfterMinutes = isVirtual ? TalkOnlineAfterMinutes ?? 45 : null,
        };

        if (startsOn.Value < today)
            return (null, new() { ["startsOn"] = ["The first run can't be in the past. Choose today or a later date."] });
        if (endsOn is { } e && e < startsOn.Value)
            return (null, new() { ["endsOn"] = ["The end date must be after the first run."] });
        var first = series.Occurrences(startsOn.Value, endsOn ?? startsOn.Value.PlusYears(1), group.Zone).FirstOrDefault(o => o.StartsAt > now);
        if (first == default)
            return (null, new() { ["endsOn"] = ["This series would never have a run: no matching day falls between its start and end. Check the day and the dates."] });
        return (series, errors);
    }
}
