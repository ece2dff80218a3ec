using NodaTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Runs;

/// <summary>"I usually come on Thursdays": a place on each new run of a series, each easy to drop.</summary>
public class SeriesRsvp
{
    public int Id { get; set; }
    public int SeriesId { get; set; }
    public string MemberId { get; set; } = "";
    public Instant CreatedAt { get; set; }

    public Member? Member { get; set; }
}

public class SeriesRsvpConfiguration : IEntityTypeConfiguration<SeriesRsvp>
{
    public void Configure(EntityTypeBuilder<SeriesRsvp> b)
    {
        b.HasIndex(s => new { s.SeriesId, s.MemberId }).IsUnique();
        b.HasIndex(s => s.MemberId);
        b.HasOne<RunSeries>().WithMany().HasForeignKey(s => s.SeriesId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Member).WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
