using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Leading;

/// <summary>A leader on the roster of one run. A run with none is not shown as happening.</summary>
public class RunLeader
{
    public int Id { get; set; }
    public int RunId { get; set; }
    public string MemberId { get; set; } = "";
    /// <summary>Put there because they usually lead the run's series.</summary>
    public bool FromSeries { get; set; }
    public DateTime AddedAt { get; set; }

    public Member? Member { get; set; }
    public Run? Run { get; set; }
}

/// <summary>"I usually lead the Thursday run": on the roster of each new run of the series.</summary>
public class SeriesLeader
{
    public int Id { get; set; }
    public int SeriesId { get; set; }
    public string MemberId { get; set; } = "";
    public DateTime AddedAt { get; set; }

    public Member? Member { get; set; }
}

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
    public DateTime AskedAt { get; set; }
    public CoverStatus Status { get; set; } = CoverStatus.Open;
    public string? TakenById { get; set; }
    public DateTime? TakenAt { get; set; }

    public Member? AskedBy { get; set; }
    public Member? TakenBy { get; set; }
    public Run? Run { get; set; }
}

/// <summary>Open: waiting for someone. Taken: another leader said yes. Closed: no longer needed (the run was cancelled or is over, or the asker is back).</summary>
public enum CoverStatus { Open = 0, Taken = 1, Closed = 2 }

public class RunLeaderConfiguration : IEntityTypeConfiguration<RunLeader>
{
    public void Configure(EntityTypeBuilder<RunLeader> b)
    {
        b.HasIndex(l => new { l.RunId, l.MemberId }).IsUnique();
        b.HasIndex(l => l.MemberId);
        b.HasOne(l => l.Run).WithMany(r => r.Leaders).HasForeignKey(l => l.RunId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(l => l.Member).WithMany().HasForeignKey(l => l.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class SeriesLeaderConfiguration : IEntityTypeConfiguration<SeriesLeader>
{
    public void Configure(EntityTypeBuilder<SeriesLeader> b)
    {
        b.HasIndex(l => new { l.SeriesId, l.MemberId }).IsUnique();
        b.HasIndex(l => l.MemberId);
        b.HasOne<RunSeries>().WithMany().HasForeignKey(l => l.SeriesId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(l => l.Member).WithMany().HasForeignKey(l => l.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

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
