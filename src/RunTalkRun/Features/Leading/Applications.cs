using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Audit;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Mail;
using RunTalkRun.Features.Places;

namespace RunTalkRun.Features.Leading;

/// <summary>
/// Everything that happens to an application, for the pages and the API alike. Each step changes the
/// application with a conditional update (only from an open state), so two HQ admins approving at
/// once, or an approve racing a decline, leave one decision; the emails are queued in the same transaction.
/// </summary>
public class Applications(AppDb db, Outbox outbox, IClock clock, Gazetteer gazetteer)
{
    public record Submitted(LeaderApplication? Application, ApplicationRequest.Checked Check, LeaderApplication? Duplicate);

    public const string OwnApplication = "You can't approve your own application: another HQ admin decides it.";
    public const string AlreadyDecided = "This application has already been decided.";

    public async Task<Submitted> SubmitAsync(Member member, ApplicationRequest request)
    {
        var now = clock.GetCurrentInstant();
        var check = await request.CheckAsync(db, gazetteer, member.Id, now);
        if (check.Application is not { } app) return new(null, check, null);
        var duplicate = await OpenDuplicateAsync(member.Id, app.TownKey);
        if (duplicate is not null) return new(null, check, duplicate);

        await using var tx = await db.Database.BeginTransactionAsync();
        db.Applications.Add(app);
        db.Consents.Add(Consent.Give(member.Id, ConsentKind.LeadersCode, now));
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException dbe) when (!DatabaseWrites.IsUnavailable(dbe))
        {
            // The same member's second application for the town, sent at the same moment: the index refused it.
            await tx.RollbackAsync();
            db.ChangeTracker.Clear();
            return new(null, check, await OpenDuplicateAsync(member.Id, app.TownKey));
        }
        if (app.GroupId is { } groupId) app.Group = await db.Groups.FindAsync(groupId);
        var (subject, body) = ApplicationNews.Received(app, member, outbox.Links);
        await outbox.QueueAsync(db, new OutgoingMail($"application:{app.Id}:received", MailKind.Application, member, subject, body, app.GroupId), now);
        foreach (var admin in await AdminsAsync())
        {
            var (s, b) = ApplicationNews.ForHq(app, member, admin, outbox.Links);
            await outbox.QueueAsync(db, new OutgoingMail($"application:{app.Id}:new:{admin.Id}", MailKind.Application, admin, s, b, app.GroupId), now);
        }
        await tx.CommitAsync();
        outbox.Wake();
        return new(app, check, null);
    }

    Task<LeaderApplication?> OpenDuplicateAsync(string memberId, string townKey) =>
        db.Applications.AsNoTracking().Include(a => a.Group).FirstOrDefaultAsync(a => a.MemberId == memberId && a.TownKey == townKey
            && (a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.QuestionAsked));

    /// <summary>HQ asks a question; the application waits for the applicant. Null, or why it can't.</summary>
    public async Task<string?> AskAsync(int id, Member admin, string question)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync();
        if (!await MoveAsync(id, ApplicationStatus.QuestionAsked, now)) return AlreadyDecided;
        var app = await LoadAsync(id);
        var message = new ApplicationMessage { ApplicationId = id, AuthorId = admin.Id, FromHq = true, Text = question, CreatedAt = now };
        db.ApplicationMessages.Add(message);
        await db.SaveChangesAsync();
        var (subject, body) = ApplicationNews.Question(app, app.Member!, outbox.Links);
        await outbox.QueueAsync(db, new OutgoingMail($"application:{id}:question:{message.Id}", MailKind.Application, app.Member!, subject, body, app.GroupId), now);
        await tx.CommitAsync();
        outbox.Wake();
        return null;
    }

    /// <summary>The applicant answers (or adds something); the application goes back to HQ.</summary>
    public async Task<string?> AnswerAsync(int id, Member applicant, string answer)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync();
        if (!await MoveAsync(id, ApplicationStatus.Submitted, now)) return "This application has been decided, so it can't take an answer any more.";
        var app = await LoadAsync(id);
        var message = new ApplicationMessage { ApplicationId = id, AuthorId = applicant.Id, FromHq = false, Text = answer, CreatedAt = now };
        db.ApplicationMessages.Add(message);
        await db.SaveChangesAsync();
        foreach (var admin in await AdminsAsync())
        {
            var (s, b) = ApplicationNews.Answered(app, applicant, admin, outbox.Links);
            await outbox.QueueAsync(db, new OutgoingMail($"application:{id}:answer:{message.Id}:{admin.Id}", MailKind.Application, admin, s, b, app.GroupId), now);
        }
        await tx.CommitAsync();
        outbox.Wake();
        return null;
    }

    /// <summary>
    /// Approves: a leader in the group, or a new group in the town, "launching", with the applicant as its
    /// organiser (in <paramref name="timeZoneId"/> if given, else the likeliest zone for the town).
    /// </summary>
    public async Task<string?> ApproveAsync(int id, Member admin, string? timeZoneId = null)
    {
        var now = clock.GetCurrentInstant();
        if (await db.Applications.AnyAsync(a => a.Id == id && a.MemberId == admin.Id))
            return OwnApplication;
        await using var tx = await db.Database.BeginTransactionAsync();
        if (!await MoveAsync(id, ApplicationStatus.Approved, now, admin.Id)) return AlreadyDecided;
        var app = await LoadAsync(id);
        if (app.Kind == ApplicationKind.NewGroup)
        {
            var place = new Place(app.Town, app.Region, app.Country, app.Latitude, app.Longitude);
            if (await ApplicationRequest.ExistingGroupAsync(db, place) is { } existing)
            {
                await tx.RollbackAsync();
                return $"{app.Town} has a group now ({existing.Name}). Ask the applicant whether they'd like to lead runs there instead.";
            }
            var group = new Group
            {
                Slug = await FreeSlugAsync(app.Town, app.Country), Name = app.Town, Town = app.Town, Country = app.Country,
                TimeZoneId = TimeZones.IsIn(app.Country, timeZoneId) ? timeZoneId! : TimeZones.Nearest(app.Country, app.Latitude, app.Longitude),
                Latitude = app.Latitude, Longitude = app.Longitude, Status = GroupStatus.Launching,
            };
            db.Groups.Add(group);
            await db.SaveChangesAsync();
            app.GroupId = group.Id;
            app.Group = group;
        }
        var role = app.Kind == ApplicationKind.NewGroup ? GroupRole.Organiser : GroupRole.Leader;
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.GroupId == app.GroupId && m.MemberId == app.MemberId);
        if (membership is null)
            db.Memberships.Add(membership = new GroupMembership { GroupId = app.GroupId!.Value, MemberId = app.MemberId, Role = role, JoinedAt = now });
        else if (membership.Role < role) membership.Role = role;
        db.Record(admin.Id, "role-change", $"member:{app.MemberId}", $"{membership.Role} of group {app.GroupId} (application {id} approved)", now);
        await db.SaveChangesAsync();
        var (subject, body) = ApplicationNews.Approved(app, app.Member!, outbox.Links);
        await outbox.QueueAsync(db, new OutgoingMail($"application:{id}:approved", MailKind.Application, app.Member!, subject, body, app.GroupId), now);
        await tx.CommitAsync();
        outbox.Wake();
        return null;
    }

    public async Task<string?> DeclineAsync(int id, Member admin, string message)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync();
        if (!await MoveAsync(id, ApplicationStatus.Declined, now, admin.Id, message)) return AlreadyDecided;
        var app = await LoadAsync(id);
        var (subject, body) = ApplicationNews.Declined(app, app.Member!, outbox.Links);
        await outbox.QueueAsync(db, new OutgoingMail($"application:{id}:declined", MailKind.Application, app.Member!, subject, body, app.GroupId), now);
        await tx.CommitAsync();
        outbox.Wake();
        return null;
    }

    /// <summary>HQ sets a launching group live: it is listed and its runs can be found. Its organisers are told.</summary>
    public async Task<string?> SetLiveAsync(Group group, Member admin)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await db.Database.BeginTransactionAsync();
        var tracked = await db.Groups.SingleAsync(g => g.Id == group.Id);
        if (tracked.Status != GroupStatus.Launching) return $"{group.Name} is already live.";
        tracked.Status = GroupStatus.Active; // saved through the context, so the find-a-run directory hears of it
        db.Record(admin.Id, "group-live", $"group:{group.Id}", group.Slug, now);
        await db.SaveChangesAsync();
        var organisers = await db.Memberships.Where(m => m.GroupId == group.Id && m.Role == GroupRole.Organiser).Select(m => m.Member!).ToListAsync();
        foreach (var organiser in organisers)
        {
            var (subject, body) = ApplicationNews.Live(group, organiser, outbox.Links);
            await outbox.QueueAsync(db, new OutgoingMail($"group:{group.Id}:live:{organiser.Id}", MailKind.Application, organiser, subject, body, group.Id), now);
        }
        await tx.CommitAsync();
        outbox.Wake();
        group.Status = GroupStatus.Active;
        return null;
    }

    /// <summary>Moves an open application to <paramref name="to"/>; false when it was already decided.</summary>
    async Task<bool> MoveAsync(int id, ApplicationStatus to, Instant now, string? decidedBy = null, string? declineMessage = null)
    {
        var open = db.Applications.Where(a => a.Id == id && (a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.QuestionAsked));
        var rows = to is ApplicationStatus.Approved or ApplicationStatus.Declined
            ? await open.ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Status, to)
                .SetProperty(a => a.UpdatedAt, now)
                .SetProperty(a => a.DecidedAt, now)
                .SetProperty(a => a.DecidedById, decidedBy)
                .SetProperty(a => a.DeclineMessage, declineMessage))
            : await open.ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, to).SetProperty(a => a.UpdatedAt, now));
        return rows == 1;
    }

    Task<LeaderApplication> LoadAsync(int id) =>
        db.Applications.Include(a => a.Member).Include(a => a.Group).SingleAsync(a => a.Id == id);

    Task<List<Member>> AdminsAsync() => db.Users.Where(u => u.HqRole == HqRole.Admin).OrderBy(u => u.Id).ToListAsync();

    async Task<string> FreeSlugAsync(string town, string country)
    {
        var basis = Slug(town);
        if (basis.Length == 0) basis = "group";
        foreach (var candidate in new[] { basis, $"{basis}-{country.ToLowerInvariant()}" }.Concat(Enumerable.Range(2, 50).Select(n => $"{basis}-{n}")))
            if (!await db.Groups.AnyAsync(g => g.Slug == candidate)) return candidate;
        return $"{basis}-{Guid.NewGuid():N}"[..40];
    }

    /// <summary>"St Albans" → "st-albans": lower case letters and digits with single hyphens.</summary>
    public static string Slug(string text)
    {
        var normal = Gazetteer.Normalise(text);
        var sb = new System.Text.StringBuilder();
        foreach (var c in normal)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length > 60 ? slug[..60].Trim('-') : slug;
    }
}
