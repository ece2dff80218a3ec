using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunTalkRun.Features.Talk;

/// <summary>
/// A chat room: a group's own chat, the leaders' chat, a country's community room, or a run's thread.
/// Rooms are made the first time someone opens one; the key says which ("group:12", "leaders",
/// "country:GB", "run:345") and the database keeps it unique.
/// </summary>
public class Room
{
    public int Id { get; set; }
    public RoomKind Kind { get; set; }
    public string Key { get; set; } = "";
    public int? GroupId { get; set; }
    public int? RunId { get; set; }
    public string? Country { get; set; }
    public DateTime CreatedAt { get; set; }

    public static string KeyFor(RoomKind kind, int? groupId = null, int? runId = null, string? country = null) => kind switch
    {
        RoomKind.Group => $"group:{groupId}",
        RoomKind.Run => $"run:{runId}",
        RoomKind.Country => $"country:{country}",
        _ => "leaders",
    };
}

public enum RoomKind { Group = 0, Leaders = 1, Country = 2, Run = 3 }

public class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> b)
    {
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Key).HasMaxLength(40).IsRequired();
        b.HasIndex(r => r.Key).IsUnique();
        b.Property(r => r.Country).HasMaxLength(2);
        b.HasOne<Groups.Group>().WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Runs.Run>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>How far a member has read in a room: the newest message they have seen. Unread counts start after it.</summary>
public class RoomRead
{
    public int RoomId { get; set; }
    public string MemberId { get; set; } = "";
    public long LastReadId { get; set; }
}

public class RoomReadConfiguration : IEntityTypeConfiguration<RoomRead>
{
    public void Configure(EntityTypeBuilder<RoomRead> b)
    {
        b.HasKey(r => new { r.RoomId, r.MemberId });
        b.HasOne<Room>().WithMany().HasForeignKey(r => r.RoomId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Accounts.Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A moderator's decision about one member in one room: muted (reads, can't write) or removed (neither).</summary>
public class RoomBan
{
    public int Id { get; set; }
    public int RoomId { get; set; }
    public string MemberId { get; set; } = "";
    public BanKind Kind { get; set; }
    public string Reason { get; set; } = "";
    public string ById { get; set; } = "";
    public DateTime At { get; set; }
    /// <summary>A mute ends by itself at this time; null until lifted.</summary>
    public DateTime? Until { get; set; }

    public const int ReasonMaxLength = 500;

    public bool InForce(DateTime now) => Until is null || Until > now;
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
