using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Audit;
using RunTalkRun.Features.Mail;
using RunTalkRun.Features.Runs;
using RunTalkRun.Features.Talk;

namespace RunTalkRun.Features.Safety;

public record ConcernInput(string? Kind, string? About, string? Description);

/// <summary>Why a concern can't be raised or changed: the API's status and the page's words.</summary>
public record ConcernRefusal(int Status, string Title, string Message);

/// <summary>A concern as its raiser sees it: what they wrote and where it is up to, never the notes.</summary>
public record RaisedConcern(int Id, int RunId, string RunTitle, string GroupName, Instant RunStartsAt, string Kind, string Status, Instant RaisedAt, string TimeZoneId, string Country)
{
    /// <summary>The run's group's: where the run's and the concern's times are shown.</summary>
    public Time.TimePlace Place => Time.TimePlace.Of(TimeZoneId, Country);
}

/// <summary>
/// Raising and handling safeguarding concerns. Only the leaders on a run's roster raise them, once the run
/// has started; only HQ safeguarding leads read them, and each read is written to the audit log.
/// </summary>
public class Concerns(AppDb db, Outbox outbox, IClock clock)
{
    public static readonly ConcernRefusal NotFound = new(404, "Run not found", "We couldn't find that run.");
    public static readonly ConcernRefusal NotYourRun = new(403, "Not a run you led",
        "You can raise a concern about a run you led. If you weren't on its roster, tell the leader who was, or write to HQ's safeguarding lead.");
    public static readonly ConcernRefusal NotStarted = new(409, "Run not started yet",
        "You can raise a concern about a run once it has started. If someone is in danger now, call the emergency number.");
    public static readonly ConcernRefusal Cancelled = new(409, "Run cancelled",
        "This run was cancelled, so there is nothing to raise about it. If you're worried about someone, write to HQ's safeguarding lead.");

    /// <summary>Null when the member may raise a concern about the run; otherwise why not.</summary>
    public async Task<ConcernRefusal?> CanRaiseAsync(string memberId, Run? run)
    {
        if (run is null) return NotFound;
        if (!await db.RunLeaders.AnyAsync(l => l.RunId == run.Id && l.MemberId == memberId)) return NotYourRun;
        if (run.Status == RunStatus.Cancelled) return Cancelled;
        if (run.StartsAt > clock.GetCurrentInstant()) return NotStarted;
        return null;
    }

    /// <summary>The errors by field (kind, about, description); empty when the concern can be saved.</summary>
    public static Dictionary<string, string[]> Check(ConcernInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (ConcernWords.KindFrom(input.Kind) is null)
            errors["kind"] = ["Choose what the concern is about: someone's safety, an incident or an injury."];
        var about = input.About?.Trim() ?? "";
        if (about.Length > Concern.AboutMaxLength) errors["about"] = [$"Keep this to {Concern.AboutMaxLength} characters: a nickname or first name is enough. It has {about.Length}."];
        else if (about.Length > 0 && (!MessageText.IsText(about) || about.Contains('\n'))) errors["about"] = ["Write a nickname or first name, in letters."];
        var description = Clean(input.Description);
        if (description.Length == 0) errors["description"] = ["Describe what happened and why you're concerned."];
        else if (description.Length > Concern.DescriptionMaxLength)
            errors["description"] = [$"Keep this to {Concern.DescriptionMaxLength:N0} characters. It has {description.Length:N0}: the safeguarding lead will ask if they need more."];
        else if (!MessageText.IsText(description)) errors["description"] = ["This has characters that can't be shown, as if it were a file. Write text only."];
        return errors;
    }

    public static string Clean(string? text) => (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Trim();

    public async Task<Concern> RaiseAsync(string memberId, Run run, ConcernInput input)
    {
        var now = clock.GetCurrentInstant();
        var concern = new Concern
        {
            RunId = run.Id,
            RaisedById = memberId,
            Kind = ConcernWords.KindFrom(input.Kind)!.Value,
            About = string.IsNullOrWhiteSpace(input.About) ? null : input.About.Trim(),
            Description = Clean(input.Description),
            RaisedAt = now,
            UpdatedAt = now,
        };
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Concerns.Add(concern);
        await db.SaveChangesAsync();
        // The safeguarding leads are told that there is one, never what it says: email is not the place.
        var leads = await db.Users.Where(u => u.HqRole == HqRole.SafeguardingLead).ToListAsync();
        foreach (var lead in leads)
            await outbox.QueueAsync(db, new OutgoingMail($"concern:{concern.Id}:{lead.Id}", MailKind.Concern, lead, "A leader has raised a concern",
                $"""
                Hi {lead.Nickname},

                A run leader has raised a safeguarding concern ({concern.Kind.Name().ToLowerInvariant()}). Please read it soon:
                {outbox.Links.Absolute($"/hq/concerns/{concern.Id}")}
                """, run.GroupId), now);
        await tx.CommitAsync();
        outbox.Wake();
        return concern;
    }

    /// <summary>The concerns a member raised, newest first: status only.</summary>
    public Task<List<RaisedConcern>> RaisedByAsync(string memberId) =>
        db.Concerns.AsNoTracking().Where(c => c.RaisedById == memberId).OrderByDescending(c => c.RaisedAt)
            .Select(c => new RaisedConcern(c.Id, c.RunId, c.Run!.Title, c.Run.Group!.Name, c.Run.StartsAt, c.Kind.Name(), c.Status.Name(), c.RaisedAt, c.Run.Group.TimeZoneId, c.Run.Group.Country))
            .ToListAsync();

    /// <summary>Every concern for the safeguarding leads' list: open ones first, newest first. No descriptions.</summary>
    public Task<List<ConcernSummary>> AllAsync() =>
        db.Concerns.AsNoTracking().OrderBy(c => c.Status == ConcernStatus.Closed).ThenByDescending(c => c.RaisedAt)
            .Select(c => new ConcernSummary(c.Id, c.Kind, c.Status, c.RaisedAt, c.Run!.Title, c.Run.Group!.Name, c.Notes.Count))
            .ToListAsync();

    /// <summary>One concern with its notes, for a safeguarding lead. The read is audit-logged.</summary>
    public async Task<Concern?> ReadAsync(int id, string readerId)
    {
        var concern = await db.Concerns.AsNoTracking()
            .Include(c => c.Run!).ThenInclude(r => r.Group)
            .Include(c => c.RaisedBy)
            .Include(c => c.Notes.OrderBy(n => n.At)).ThenInclude(n => n.Author)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id);
        if (concern is null) return null;
        db.Record(readerId, "concern.read", $"concern:{id}", $"{concern.Notes.Count} note(s)", clock.GetCurrentInstant());
        await db.SaveChangesAsync();
        return concern;
    }

    public static string? CheckNote(string? text)
    {
        var clean = Clean(text);
        if (clean.Length == 0) return "Write the note before adding it.";
        if (clean.Length > ConcernNote.MaxLength) return $"Notes can be up to {ConcernNote.MaxLength:N0} characters. This one has {clean.Length:N0}.";
        if (!MessageText.IsText(clean)) return "This has characters that can't be shown, as if it were a file. Write text only.";
        return null;
    }

    /// <summary>Adds a note (check it first). False when there is no such concern.</summary>
    public async Task<bool> AddNoteAsync(int id, string authorId, string text)
    {
        var concern = await db.Concerns.SingleOrDefaultAsync(c => c.Id == id);
        if (concern is null) return false;
        var now = clock.GetCurrentInstant();
        db.Add(new ConcernNote { ConcernId = id, AuthorId = authorId, Text = Clean(text), At = now });
        concern.UpdatedAt = now;
        db.Record(authorId, "concern.note", $"concern:{id}", "note added", now);
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>Moves a concern to new, in progress or closed. False when there is no such concern.</summary>
    public async Task<bool> SetStatusAsync(int id, string actorId, ConcernStatus status)
    {
        var concern = await db.Concerns.SingleOrDefaultAsync(c => c.Id == id);
        if (concern is null) return false;
        if (concern.Status == status) return true;
        var now = clock.GetCurrentInstant();
        db.Record(actorId, "concern.status", $"concern:{id}", $"{concern.Status.Name()} → {status.Name()}", now);
        concern.Status = status;
        concern.UpdatedAt = now;
        concern.ClosedAt = status == ConcernStatus.Closed ? now : null;
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>Deletes concerns closed longer ago than the retention period, with their notes.</summary>
    public static Task<int> DeleteOldClosedAsync(AppDb db, Instant now, int retentionDays, CancellationToken ct = default)
    {
        var cutoff = now.Minus(Duration.FromDays(retentionDays));
        return db.Concerns.Where(c => c.Status == ConcernStatus.Closed && c.ClosedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}

public record ConcernSummary(int Id, ConcernKind Kind, ConcernStatus Status, Instant RaisedAt, string RunTitle, string GroupName, int Notes);
