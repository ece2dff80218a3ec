using NodaTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunTalkRun.Features.Audit;

/// <summary>An append-only record of a leader or admin reading someone else's personal data.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public Instant At { get; set; }
    public string ActorId { get; set; } = "";
    public string Action { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Detail { get; set; } = "";
}

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.ActorId).HasMaxLength(64).IsRequired();
        b.Property(a => a.Action).HasMaxLength(60).IsRequired();
        b.Property(a => a.Subject).HasMaxLength(120).IsRequired();
        b.Property(a => a.Detail).HasMaxLength(1000);
        b.HasIndex(a => a.At);
    }
}
