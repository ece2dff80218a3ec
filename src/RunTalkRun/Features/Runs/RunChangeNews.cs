using NodaTime;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Runs;

/// <summary>What a run's change mail tells: old and new time, old and new meeting point (null: the group's usual place), and whether it is back on.</summary>
public sealed record RunChangeNews(Instant OldStartsAt, Instant NewStartsAt, MeetingPoint? OldMeetingPoint, MeetingPoint? NewMeetingPoint, bool MeetingPointChanged, bool Reinstated);
