using NodaTime;
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
    public Instant CreatedAt { get; set; }

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
