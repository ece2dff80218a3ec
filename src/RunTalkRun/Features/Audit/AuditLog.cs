using NodaTime;

namespace RunTalkRun.Features.Audit;

public static class AuditLog
{
    /// <summary>Adds an entry to the context; it is saved with the caller's next SaveChanges.</summary>
    public static void Record(this Data.AppDb db, string actorId, string action, string subject, string detail, Instant now) =>
        db.AuditEntries.Add(new AuditEntry { At = now, ActorId = actorId, Action = action, Subject = subject, Detail = detail });
}
