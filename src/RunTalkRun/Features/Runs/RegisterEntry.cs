using NodaTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Runs;

/// <summary>
/// One line of a run's register: a member who said they're coming and is ticked as there, or a walk-in
/// by first name. For safety only — counting everyone out and back in — never for performance. Seen
/// by the run's leaders; reduced to counts after the retention period.
/// </summary>
public class RegisterEntry
{
    public int Id { get; set; }
    public int RunId { get; set; }
    /// <summary>A member with an RSVP; null for a walk-in.</summary>
    public string? MemberId { get; set; }
    /// <summary>A walk-in's first name, as they gave it.</summary>
    public string? Name { get; set; }
    public bool FirstTime { get; set; }
    public bool Present { get; set; }
    public Instant UpdatedAt { get; set; }

    public const int NameMaxLength = 40;

    public Member? Member { get; set; }
}

public class RegisterEntryConfiguration : IEntityTypeConfiguration<RegisterEntry>
{
    public void Configure(EntityTypeBuilder<RegisterEntry> b)
    {
        b.Property(e => e.Name).HasMaxLength(RegisterEntry.NameMaxLength);
        b.HasIndex(e => new { e.RunId, e.MemberId }).IsUnique().HasFilter("\"MemberId\" IS NOT NULL");
        b.HasOne<Run>().WithMany().HasForeignKey(e => e.RunId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(e => e.Member).WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
