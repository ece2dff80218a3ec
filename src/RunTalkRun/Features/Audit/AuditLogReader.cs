using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Audit;

/// <summary>One line of the audit log as HQ reads it: who (by nickname, while their account exists), what, about what.</summary>
public record AuditLine(long Id, DateTime At, string ActorId, string Actor, string Action, string Subject, string Detail);

/// <summary>Reads the append-only audit log for HQ, newest first, 50 at a time, optionally narrowed by action and subject.</summary>
public class AuditLogReader(AppDb db, CurrentMember me)
{
    public const int PageSize = 50;
    public const int FilterMaxLength = 120;

    /// <summary>HQ admins, who look after the community, and safeguarding leads, who look after people's safety.</summary>
    public async Task<bool> MayReadAsync() => await me.IsHqAdminAsync() || await me.HasHqRoleAsync(HqRole.SafeguardingLead);

    public static string? Check(string? action, string? subject) =>
        (action?.Length ?? 0) > FilterMaxLength || (subject?.Length ?? 0) > FilterMaxLength
            ? $"Filters can be up to {FilterMaxLength} characters."
            : null;

    public async Task<List<AuditLine>> ReadAsync(string? action, string? subject, long? before)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(action)) query = query.Where(a => a.Action.StartsWith(action.Trim()));
        if (!string.IsNullOrWhiteSpace(subject)) query = query.Where(a => a.Subject == subject.Trim());
        if (before is { } b) query = query.Where(a => a.Id < b);
        return await query.OrderByDescending(a => a.Id).Take(PageSize)
            .Select(a => new AuditLine(a.Id, a.At.ToDateTimeUtc(), a.ActorId,
                db.Users.Where(u => u.Id == a.ActorId).Select(u => u.Nickname).FirstOrDefault() ?? "(account deleted)",
                a.Action, a.Subject, a.Detail))
            .ToListAsync();
    }
}
