using NodaTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunTalkRun.Features.Talk;

/// <summary>A member's report of a message, with their reason. One report per member per message.</summary>
public class MessageReport
{
    public const int ReasonMaxLength = 500;

    public int Id { get; set; }
    public long MessageId { get; set; }
    public string ReporterId { get; set; } = "";
    public string Reason { get; set; } = "";
    public Instant At { get; set; }
    public Instant? ClosedAt { get; set; }
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
