using NodaTime;
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
    public Instant AddedAt { get; set; }

    public Member? Member { get; set; }
    public Run? Run { get; set; }
}

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
