using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Leading;

public static class TrainingRecords
{
    public static readonly (TrainingCourse Course, string Slug, string Name)[] Courses =
    [
        (TrainingCourse.MentalHealthFirstAid, "mental-health-first-aid", "Mental Health First Aid"),
        (TrainingCourse.FirstAid, "first-aid", "First aid"),
        (TrainingCourse.RunLeaderLicence, "run-leader-licence", "Run-leader licence"),
        (TrainingCourse.Safeguarding, "safeguarding", "Safeguarding"),
        (TrainingCourse.Other, "other", "Another course"),
    ];

    public static string NameOf(TrainingCourse c) => Courses.Single(x => x.Course == c).Name;
    public static string Slug(TrainingCourse c) => Courses.Single(x => x.Course == c).Slug;

    /// <summary>Reminders go this long before a course runs out.</summary>
    public const int ReminderDays = 30;

    /// <summary>Checks a record as the page or the API sends it. Errors are keyed by the API's field names.</summary>
    public static (TrainingRecord? Record, Dictionary<string, string[]> Errors) Check(TrainingRequest request, string memberId, Instant now)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors.TryAdd(field, [message]);
        var course = Courses.FirstOrDefault(c => c.Slug == request.Course?.Trim().ToLowerInvariant());
        if (course.Slug is null) Add("course", "Choose the course.");
        var other = ApplicationRequest.Clean(request.OtherName);
        if (course.Course == TrainingCourse.Other && other.Length == 0) Add("otherName", "Give the course's name.");
        if (other.Length > TrainingRecord.NameMaxLength) Add("otherName", $"Keep the course's name to {TrainingRecord.NameMaxLength} characters or fewer.");
        var today = now.InUtc().Date;
        var taken = LocalDatePattern.Iso.Parse(request.TakenOn?.Trim() ?? "");
        if (!taken.Success) Add("takenOn", "Give the date you did the course, like 2025-03-14.");
        else if (taken.Value > today.PlusDays(1)) Add("takenOn", "The date you did the course can't be in the future.");
        else if (taken.Value < DateWindow.EarliestTraining) Add("takenOn", "Check the year of the date you did the course: it can't be before 1950.");
        LocalDate? expires = null;
        if (!string.IsNullOrWhiteSpace(request.ExpiresOn))
        {
            var parsed = LocalDatePattern.Iso.Parse(request.ExpiresOn.Trim());
            if (!parsed.Success) Add("expiresOn", "Give the date it runs out, like 2028-03-14, or leave it empty if it doesn't.");
            else if (taken.Success && parsed.Value <= taken.Value) Add("expiresOn", "The date it runs out must be after the date you did it.");
            else if (parsed.Value > today.PlusYears(DateWindow.TrainingValidYears)) Add("expiresOn", $"Check the year of the date it runs out: it can be at most {DateWindow.TrainingValidYears} years from now.");
            else expires = parsed.Value;
        }
        if (errors.Count > 0) return (null, errors);
        return (new TrainingRecord
        {
            MemberId = memberId, Course = course.Course, OtherName = course.Course == TrainingCourse.Other ? other : null,
            TakenOn = taken.Value.ToDateOnly(), ExpiresOn = expires?.ToDateOnly(), RecordedAt = now,
        }, errors);
    }

    /// <summary>Each member's training in a line, for organisers and HQ: "Current: First aid (to 3 Mar 2028). Ran out: ...".</summary>
    public static async Task<Dictionary<string, string>> StatusByMemberAsync(AppDb db, IReadOnlyCollection<string> memberIds, Instant now)
    {
        var today = now.InUtc().Date.ToDateOnly();
        var records = await db.TrainingRecords.AsNoTracking().Where(t => memberIds.Contains(t.MemberId)).OrderBy(t => t.Course).ToListAsync();
        return records.GroupBy(t => t.MemberId).ToDictionary(g => g.Key, g =>
        {
            var current = g.Where(t => t.IsCurrent(today)).Select(t => t.ExpiresOn is { } e ? $"{t.Name} (to {Time.TimeText.ShortDate(e)})" : t.Name).ToList();
            var lapsed = g.Where(t => !t.IsCurrent(today)).Select(t => $"{t.Name} (ran out {Time.TimeText.ShortDate(t.ExpiresOn!.Value)})").ToList();
            return string.Join(" ", new[]
            {
                current.Count > 0 ? "Current: " + string.Join(", ", current) + "." : "",
                lapsed.Count > 0 ? "Ran out: " + string.Join(", ", lapsed) + "." : "",
            }.Where(s => s.Length > 0));
        });
    }
}
