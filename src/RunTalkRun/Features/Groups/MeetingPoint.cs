using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunTalkRun.Features.Groups;

/// <summary>Where a run starts and ends. The base is the group's usual meeting point.</summary>
public class MeetingPoint
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public bool IsBase { get; set; }
    public bool HasToilets { get; set; }
    public bool HasWater { get; set; }
    public bool HasBagDrop { get; set; }
    public bool HasChangingRooms { get; set; }
    public bool StepFree { get; set; }
    /// <summary>Smooth enough to push a buggy (stroller, pram) the whole way.</summary>
    public bool BuggyFriendly { get; set; }
    /// <summary>A wheelchair user can reach the meeting point and join the route.</summary>
    public bool WheelchairFriendly { get; set; }
    public string AccessibilityNotes { get; set; } = "";

    public IEnumerable<string> Facilities()
    {
        if (HasToilets) yield return "Toilets";
        if (HasWater) yield return "Water";
        if (HasBagDrop) yield return "Bag drop";
        if (HasChangingRooms) yield return "Changing rooms";
        if (StepFree) yield return "Step-free";
        if (BuggyFriendly) yield return "Buggy friendly";
        if (WheelchairFriendly) yield return "Wheelchair friendly";
    }

    public MeetingPointSummary AsSummary() => new(Id, Name, Address, Latitude, Longitude, IsBase, Facilities().ToArray(), AccessibilityNotes);
}

public record MeetingPointSummary(int Id, string Name, string Address, double Latitude, double Longitude, bool IsBase, string[] Facilities, string AccessibilityNotes);

public class MeetingPointConfiguration : IEntityTypeConfiguration<MeetingPoint>
{
    public void Configure(EntityTypeBuilder<MeetingPoint> b)
    {
        b.Property(m => m.Name).HasMaxLength(120).IsRequired();
        b.Property(m => m.Address).HasMaxLength(300);
        b.Property(m => m.AccessibilityNotes).HasMaxLength(1000);
        b.HasOne<Group>().WithMany(g => g.MeetingPoints).HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
