using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Runs;
using RunTalkRun.Features.Time;

namespace RunTalkRun.Features.Privacy;

/// <summary>
/// "Download my data": everything held about one member, as one JSON document. Other people's words are
/// left out (a concern's description, HQ's notes): the member gets what they wrote and what we hold on them.
/// </summary>
public class MemberData(AppDb db, IClock clock)
{
    public record Account(string Id, string? Email, bool EmailConfirmed, string Nickname, DateTime JoinedAt, string HqRole, bool TwoFactorEnabled,
        EmergencyContactData? EmergencyContact, Mail.MailPreferences EmailChoices, bool PrivateCalendarFeed);
    public record EmergencyContactData(string? Name, string? Phone);
    public record ConsentData(string Kind, string TextVersion, DateTime GivenAt, DateTime? WithdrawnAt);
    public record GroupData(string Group, string Slug, string Role, DateTime JoinedAt);
    public record RsvpData(int RunId, string Run, string Group, DateTime StartsAt, string Status, bool FirstTime, DateTime SaidAt);
    public record SeriesData(int SeriesId, string Series, string Group, DateTime Since);
    public record RegisterData(int RunId, string Run, DateTime StartsAt, bool Present, bool FirstTime);
    public record LeadingData(int RunId, string Run, DateTime StartsAt);
    public record MessageData(long Id, int RoomId, string Room, DateTime SentAt, DateTime? EditedAt, string Text, bool DeletedByYou, bool HiddenByModerator);
    public record ReportData(long MessageId, string Reason, DateTime At);
    public record ApplicationData(int Id, string What, string Country, string Status, string Motivation, string Experience, string Availability,
        string? TrainingDone, DateTime CreatedAt, DateTime? DecidedAt, string? DeclineMessage, ApplicationMessageData[] Messages);
    public record ApplicationMessageData(string From, string Text, DateTime At);
    public record TrainingData(string Course, DateOnly TakenOn, DateOnly? ExpiresOn, DateTime RecordedAt);
    public record ConcernData(int Id, int RunId, string Kind, string Status, DateTime RaisedAt);
    public record SessionData(string Device, string Kind, DateTime SignedInAt, DateTime LastUsedAt);
    public record Export(DateTime ExportedAt, string About, Account Account, ConsentData[] Consents, GroupData[] Groups, RsvpData[] Rsvps,
        SeriesData[] UsuallyComes, RegisterData[] RegisterEntries, LeadingData[] RunsLed, MessageData[] Messages, ReportData[] ReportsYouMade,
        ApplicationData[] Applications, TrainingData[] Training, ConcernData[] ConcernsYouRaised, SessionData[] SignedIn);

    public const string AboutText =
        "Everything Run Talk Run holds about you, as of the time above. Chat messages are yours as you wrote them; " +
        "concerns you raised show their status (what they say is about someone else). See /privacy for why we hold each and for how long.";

    public async Task<Export?> ForAsync(string memberId)
    {
        var m = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == memberId);
        if (m is null) return null;
        var account = new Account(m.Id, m.Email, m.EmailConfirmed, m.Nickname, m.JoinedAt.ToDateTimeUtc(), m.HqRole.ToString(), m.TwoFactorEnabled,
            m.EmergencyContactPhone is null ? null : new EmergencyContactData(m.EmergencyContactName, m.EmergencyContactPhone), m.Mail, m.CalendarToken is not null);
        var consents = await db.Consents.AsNoTracking().Where(c => c.MemberId == memberId).OrderBy(c => c.GivenAt)
            .Select(c => new ConsentData(c.Kind.ToString(), c.TextVersion, c.GivenAt.ToDateTimeUtc(), c.WithdrawnAt.ToDateTimeUtc())).ToArrayAsync();
        var groups = await db.Memberships.AsNoTracking().Where(g => g.MemberId == memberId).OrderBy(g => g.JoinedAt)
            .Select(g => new GroupData(g.Group!.Name, g.Group.Slug, g.Role.ToString(), g.JoinedAt.ToDateTimeUtc())).ToArrayAsync();
        var firstTime = await db.Rsvps.Where(r => r.MemberId == memberId).FirstTimeIdsAsync(db);
        var rsvps = (await db.Rsvps.AsNoTracking().Where(r => r.MemberId == memberId).OrderBy(r => r.Run!.StartsAt)
            .Select(r => new { r.Id, r.RunId, r.Run!.Title, Group = r.Run.Group!.Name, r.Run.StartsAt, r.Status, r.CreatedAt }).ToListAsync())
            .Select(r => new RsvpData(r.RunId, r.Title, r.Group, r.StartsAt.ToDateTimeUtc(), r.Status.ToString(), firstTime.Contains(r.Id), r.CreatedAt.ToDateTimeUtc())).ToArray();
        var series = await db.SeriesRsvps.AsNoTracking().Where(s => s.MemberId == memberId)
            .Join(db.RunSeries, s => s.SeriesId, x => x.Id, (s, x) => new SeriesData(x.Id, x.Title, x.Group!.Name, s.CreatedAt.ToDateTimeUtc())).ToArrayAsync();
        var register = await db.RegisterEntries.AsNoTracking().Where(e => e.MemberId == memberId)
            .Join(db.Runs, e => e.RunId, r => r.Id, (e, r) => new RegisterData(r.Id, r.Title, r.StartsAt.ToDateTimeUtc(), e.Present, e.FirstTime)).ToArrayAsync();
        var led = await db.RunLeaders.AsNoTracking().Where(l => l.MemberId == memberId).OrderBy(l => l.Run!.StartsAt)
            .Select(l => new LeadingData(l.RunId, l.Run!.Title, l.Run.StartsAt.ToDateTimeUtc())).ToArrayAsync();
        var messages = await db.Messages.AsNoTracking().Where(x => x.AuthorId == memberId).OrderBy(x => x.Id)
            .Join(db.Rooms, x => x.RoomId, r => r.Id, (x, r) => new { x, r.Key }).ToListAsync();
        var reports = await db.MessageReports.AsNoTracking().Where(r => r.ReporterId == memberId)
            .Select(r => new ReportData(r.MessageId, r.Reason, r.At.ToDateTimeUtc())).ToArrayAsync();
        var applications = await db.Applications.AsNoTracking().Include(a => a.Group).Include(a => a.Messages)
            .Where(a => a.MemberId == memberId).OrderBy(a => a.CreatedAt).ToListAsync();
        var training = await db.TrainingRecords.AsNoTracking().Where(t => t.MemberId == memberId).OrderBy(t => t.TakenOn).ToListAsync();
        var concerns = await db.Concerns.AsNoTracking().Where(c => c.RaisedById == memberId).OrderBy(c => c.RaisedAt)
            .Select(c => new { c.Id, c.RunId, c.Kind, c.Status, c.RaisedAt }).ToListAsync();
        var sessions = await db.Set<Accounts.MemberSession>().AsNoTracking().Where(s => s.MemberId == memberId).OrderBy(s => s.StartedAt)
            .Select(s => new SessionData(s.Device, s.Kind.ToString(), s.StartedAt.ToDateTimeUtc(), s.LastSeenAt.ToDateTimeUtc())).ToArrayAsync();

        return new Export(clock.GetCurrentInstant().ToDateTimeUtc(), AboutText, account, consents, groups, rsvps, series, register, led,
            messages.Select(x => new MessageData(x.x.Id, x.x.RoomId, x.Key, x.x.SentAt.ToDateTimeUtc(), x.x.EditedAt.ToDateTimeUtc(), x.x.Text, x.x.DeletedAt is not null, x.x.HiddenAt is not null)).ToArray(),
            reports,
            applications.Select(a => new ApplicationData(a.Id, a.What, a.Country, a.StatusText, a.Motivation, a.Experience, a.Availability, a.TrainingDone,
                a.CreatedAt.ToDateTimeUtc(), a.DecidedAt.ToDateTimeUtc(), a.DeclineMessage,
                a.Messages.OrderBy(x => x.CreatedAt).Select(x => new ApplicationMessageData(x.FromHq ? "HQ" : "You", x.Text, x.CreatedAt.ToDateTimeUtc())).ToArray())).ToArray(),
            training.Select(t => new TrainingData(t.Name, t.TakenOn, t.ExpiresOn, t.RecordedAt.ToDateTimeUtc())).ToArray(),
            concerns.Select(c => new ConcernData(c.Id, c.RunId, Safety.ConcernWords.Name(c.Kind), Safety.ConcernWords.Name(c.Status), c.RaisedAt.ToDateTimeUtc())).ToArray(),
            sessions);
    }
}
