using NodaTime;
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
    public Instant SentAt { get; set; }
    public Instant? EditedAt { get; set; }
    public Instant? DeletedAt { get; set; }
    public Instant? HiddenAt { get; set; }
    public string? HiddenById { get; set; }
    /// <summary>When the message was seen to use language about suicide or self-harm; moderators are asked to look.</summary>
    public Instant? CrisisAt { get; set; }
    /// <summary>When a moderator looked at a message flagged for crisis language.</summary>
    public Instant? CrisisSeenAt { get; set; }

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
