using NodaTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Leading;

/// <summary>
/// "I can't lead Thursday": the leader comes off the run's roster and the group's other leaders are
/// asked; the first to take it is rostered (one conditional update, so two taps can't both win).
/// </summary>
public class CoverRequest
{
    public const int ReasonMaxLength = 300;

    public int Id { get; set; }
    public int RunId { get; set; }
    public string AskedById { get; set; } = "";
    public string? Reason { get; set; }
    public Instant AskedAt { get; set; }
    public CoverStatus Status { get; set; } = CoverStatus.Open;
    public string? TakenById { get; set; }
    public Instant? TakenAt { get; set; }

    public Member? AskedBy { get; set; }
    public Member? TakenBy { get; set; }
    public Run? Run { get; set; }
}

/// <summary>Open: waiting for someone. Taken: another leader said yes. Closed: no longer needed (the run was cancelled or is over, or the asker is back).</summary>
public enum CoverStatus { Open = 0, Taken = 1, Closed = 2 }

public class CoverRequestConfiguration : IEntityTypeConfiguration<CoverRequest>
{
    public void Configure(EntityTypeBuilder<CoverRequest> b)
    {
        b.Property(c => c.Reason).HasMaxLength(CoverRequest.ReasonMaxLength);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        // One open request per leader per run.
        b.HasIndex(c => new { c.RunId, c.AskedById }).IsUnique().HasFilter("\"Status\" = 'Open'");
        b.HasOne(c => c.Run).WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.AskedBy).WithMany().HasForeignKey(c => c.AskedById).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.TakenBy).WithMany().HasForeignKey(c => c.TakenById).OnDelete(DeleteBehavior.SetNull);
    }
}
