using NodaTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Leading;

/// <summary>"I usually lead the Thursday run": on the roster of each new run of the series.</summary>
public class SeriesLeader
{
    public int Id { get; set; }
    public int SeriesId { get; set; }
    public string MemberId { get; set; } = "";
    public Instant AddedAt { get; set; }

    public Member? Member { get; set; }
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
