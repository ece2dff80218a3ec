using NodaTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Mail;

/// <summary>
/// One email waiting to go, or gone. Written in the same transaction as the change it tells about
/// (a cancelled run, an offered place), so a mail is never lost to a crash between the two; its
/// <see cref="Key"/> is unique, so the same news is never queued twice, by any instance.
/// </summary>
public class OutboxMail
{
    public long Id { get; set; }
    /// <summary>What this mail is about, e.g. "day-before:123:member-id". Unique.</summary>
    public string Key { get; set; } = "";
    public MailKind Kind { get; set; }
    public string? MemberId { get; set; }
    public string ToAddress { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>The one-click unsubscribe address for this kind of mail (List-Unsubscribe), if it has one.</summary>
    public string? UnsubscribeUrl { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant DueAt { get; set; }
    public Instant? SentAt { get; set; }
    /// <summary>Which sender holds it, and until when; another may take it over after that.</summary>
    public string? ClaimedBy { get; set; }
    public Instant? ClaimedUntil { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public Instant? GaveUpAt { get; set; }

    public const int KeyMaxLength = 200;
}

/// <summary>
/// The kinds of email the outbox sends. Those listed in <see cref="MailPreferences.Kinds"/> can be
/// switched off one by one; the others (an answer to one's own application, a run with no leader
/// for its organisers, account mail such as a password reset) always go.
/// </summary>
public enum MailKind
{
    DayBefore = 1, TwoHoursBefore = 2, LeaderSummary = 3, RunCancelled = 4, PlaceOffered = 5,
    Application = 6, CoverNeeded = 7, NoLeader = 8, TrainingExpiring = 9, ChatAlert = 10, Concern = 11, RoleChange = 12,
    /// <summary>Confirm your address, reset your password, someone tried to sign up with your address.</summary>
    Account = 13,
    /// <summary>A run one is coming to, waiting for or leading has a new time or meeting point, or is back on. Always goes: it says where to be.</summary>
    RunChanged = 14,
}

public class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> b)
    {
        b.ToTable("OutboxMails");
        b.Property(m => m.Key).HasMaxLength(OutboxMail.KeyMaxLength).IsRequired();
        b.HasIndex(m => m.Key).IsUnique();
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(m => m.ToAddress).HasMaxLength(256).IsRequired();
        b.Property(m => m.Subject).HasMaxLength(300).IsRequired();
        b.Property(m => m.UnsubscribeUrl).HasMaxLength(500);
        b.Property(m => m.ClaimedBy).HasMaxLength(60);
        b.Property(m => m.LastError).HasMaxLength(1000);
        // The sender's question: what is due and not sent yet?
        b.HasIndex(m => m.DueAt).HasFilter("\"SentAt\" IS NULL AND \"GaveUpAt\" IS NULL");
        b.HasOne<Member>().WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
