using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunTalkRun.Features.Talk;

/// <summary>
/// One message in a room. Text only. An author's delete clears the text and leaves "message deleted";
/// a moderator's hide keeps the text for moderators and shows everyone else "hidden by a moderator".
/// </summary>
public class ChatMessage
{
    public const int MaxLength = 2000;

    public long Id { get; set; }
    public int RoomId { get; set; }
    public string AuthorId { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime SentAt { get; set; }
    public DateTime? EditedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public DateTime? HiddenAt { get; set; }
    public string? HiddenById { get; set; }
    /// <summary>When the message was seen to use language about suicide or self-harm; moderators are asked to look.</summary>
    public DateTime? CrisisAt { get; set; }
    /// <summary>When a moderator looked at a message flagged for crisis language.</summary>
    public DateTime? CrisisSeenAt { get; set; }

    public Accounts.Member? Author { get; set; }

    public bool IsGone => DeletedAt is not null || HiddenAt is not null;
}

public class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public void Configure(EntityTypeBuilder<ChatMessage> b)
    {
        b.ToTable("Messages");
        b.Property(m => m.Text).HasMaxLength(ChatMessage.MaxLength).IsRequired();
        b.Property(m => m.HiddenById).HasMaxLength(64);
        b.HasIndex(m => new { m.RoomId, m.Id });
        b.HasIndex(m => new { m.RoomId, m.AuthorId, m.SentAt });
        b.HasIndex(m => m.CrisisAt);
        b.HasOne<Room>().WithMany().HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Author).WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A member's report of a message, with their reason. One report per member per message.</summary>
public class MessageReport
{
    public const int ReasonMaxLength = 500;

    public int Id { get; set; }
    public long MessageId { get; set; }
    public string ReporterId { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTime At { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? ClosedById { get; set; }
    /// <summary>What the moderator did: "hidden" or "kept".</summary>
    public string? Outcome { get; set; }

    public ChatMessage? Message { get; set; }
}

public class MessageReportConfiguration : IEntityTypeConfiguration<MessageReport>
{
    public void Configure(EntityTypeBuilder<MessageReport> b)
    {
        b.Property(r => r.Reason).HasMaxLength(MessageReport.ReasonMaxLength).IsRequired();
        b.Property(r => r.ClosedById).HasMaxLength(64);
        b.Property(r => r.Outcome).HasMaxLength(20);
        b.HasIndex(r => new { r.MessageId, r.ReporterId }).IsUnique();
        b.HasIndex(r => r.ClosedAt);
        b.HasOne(r => r.Message).WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Accounts.Member>().WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A word or phrase about suicide or self-harm that HQ keeps on the safe-messaging list.</summary>
public class CrisisPhrase
{
    public const int MaxLength = 80;

    public int Id { get; set; }
    public string Phrase { get; set; } = "";
    public DateTime AddedAt { get; set; }
    public string AddedById { get; set; } = "";
}

public class CrisisPhraseConfiguration : IEntityTypeConfiguration<CrisisPhrase>
{
    public void Configure(EntityTypeBuilder<CrisisPhrase> b)
    {
        b.Property(p => p.Phrase).HasMaxLength(CrisisPhrase.MaxLength).IsRequired();
        b.HasIndex(p => p.Phrase).IsUnique();
        b.Property(p => p.AddedById).HasMaxLength(64);
        // A starting list for HQ to edit: plain words people use, not clinical terms. Matching ignores case,
        // punctuation and apostrophes ("can't" is "cant"), and takes whole words only.
        var added = new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc);
        string[] starting =
        [
            "suicide", "suicidal", "kill myself", "killing myself", "end my life", "ending my life", "end it all",
            "take my own life", "want to die", "wanna die", "better off dead", "better off without me",
            "no reason to live", "don't want to be here anymore", "don't want to be alive", "can't go on",
            "self-harm", "selfharm", "hurt myself", "hurting myself", "cut myself", "cutting myself", "overdose",
        ];
        b.HasData(starting.Select((p, i) => new CrisisPhrase { Id = i + 1, Phrase = p, AddedAt = added, AddedById = "" }));
    }
}
