using NodaTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunTalkRun.Features.Talk;

/// <summary>A moderator's decision about one member in one room: muted (reads, can't write) or removed (neither).</summary>
public class RoomBan
{
    public int Id { get; set; }
    public int RoomId { get; set; }
    public string MemberId { get; set; } = "";
    public BanKind Kind { get; set; }
    public string Reason { get; set; } = "";
    public string ById { get; set; } = "";
    public Instant At { get; set; }
    /// <summary>A mute ends by itself at this time; null until lifted.</summary>
    public Instant? Until { get; set; }

    public const int ReasonMaxLength = 500;

    public bool InForce(Instant now) => Until is null || Until > now;
}

public enum BanKind { Muted = 0, Removed = 1 }

public class RoomBanConfiguration : IEntityTypeConfiguration<RoomBan>
{
    public void Configure(EntityTypeBuilder<RoomBan> b)
    {
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Reason).HasMaxLength(RoomBan.ReasonMaxLength);
        b.Property(x => x.ById).HasMaxLength(64);
        b.HasIndex(x => new { x.RoomId, x.MemberId }).IsUnique();
        b.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Accounts.Member>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
