using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Groups;

/// <summary>Adding, changing and removing a group's meeting points: the rules both the pages and the API keep.</summary>
public static class MeetingPoints
{
    /// <summary>
    /// Saves a new or changed meeting point. A group always has exactly one base: the first meeting
    /// point becomes it, and making another the base moves it there. Errors are keyed by field.
    /// </summary>
    public static async Task<Dictionary<string, string[]>> SaveAsync(AppDb db, Group group, MeetingPoint point, MeetingPointRequest request)
    {
        var errors = request.Check(group);
        var others = await db.MeetingPoints.Where(m => m.GroupId == group.Id && m.Id != point.Id).ToListAsync();
        if (point.Id != 0 && point.IsBase && request.IsBase == false)
            errors["isBase"] = ["Every group has one base. To change it, make another meeting point the base."];
        var name = request.Name?.Trim();
        if (others.Any(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase)))
            errors["name"] = ["The group already has a meeting point with that name. Give this one another name."];
        if (errors.Count > 0) return errors;

        request.ApplyTo(point);
        var makeBase = request.IsBase == true || !others.Any(o => o.IsBase);
        if (makeBase)
        {
            foreach (var o in others) o.IsBase = false;
            point.IsBase = true;
        }
        if (point.Id == 0) { point.GroupId = group.Id; db.MeetingPoints.Add(point); }
        await db.SaveChangesAsync(); // one SaveChanges: the base moves in the same transaction
        return errors;
    }

    /// <summary>Removes a meeting point, or says why not. Past runs keep their details but lose the link.</summary>
    public static async Task<string?> DeleteAsync(AppDb db, Group group, MeetingPoint point, Instant now)
    {
        if (point.IsBase)
            return "This is the group's base. Make another meeting point the base first, then remove this one.";
        var today = now.InZone(group.Zone).Date.ToDateOnly();
        var series = await db.RunSeries.Where(s => s.MeetingPointId == point.Id && (s.EndsOn == null || s.EndsOn >= today)).Select(s => s.Title).ToListAsync();
        if (series.Count > 0)
            return $"The series \"{series[0]}\" starts here. Move the series to another meeting point, or end it, first.";
        var runs = await db.Runs.CountAsync(r => r.MeetingPointId == point.Id && r.StartsAt > now && r.Status == RunStatus.Scheduled);
        if (runs > 0)
            return $"{runs} upcoming {(runs == 1 ? "run starts" : "runs start")} here. Move {(runs == 1 ? "it" : "them")} to another meeting point first.";
        db.MeetingPoints.Remove(point);
        await db.SaveChangesAsync();
        return null;
    }
}
