using NodaTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Groups;

/// <summary>A member's place in a group. The role sits on the linking row; one row per member per group.</summary>
public class GroupMembership
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public string MemberId { get; set; } = "";
    public GroupRole Role { get; set; } = GroupRole.Member;
    public Instant JoinedAt { get; set; }

    public Member? Member { get; set; }
    public Group? Group { get; set; }

    public bool CanLead => Role is GroupRole.Leader or GroupRole.Organiser;
}

public enum GroupRole { Member = 0, Leader = 1, Organiser = 2 }

public static class Leadership
{
    /// <summary>The memberships that lead a group: leaders and organisers (as a query the database runs).</summary>
    public static IQueryable<GroupMembership> Leading(this IQueryable<GroupMembership> memberships) =>
        memberships.Where(m => m.Role == GroupRole.Leader || m.Role == GroupRole.Organiser);

    /// <summary>A group's leaders by nickname only, as anyone may see them.</summary>
    public static Task<List<string>> LeaderNicknamesAsync(this Data.AppDb db, int groupId) =>
        db.Memberships.Leading().Where(m => m.GroupId == groupId)
            .OrderBy(m => m.Member!.Nickname).Select(m => m.Member!.Nickname).ToListAsync();
}

public class GroupMembershipConfiguration : IEntityTypeConfiguration<GroupMembership>
{
    public void Configure(EntityTypeBuilder<GroupMembership> b)
    {
        b.HasIndex(m => new { m.GroupId, m.MemberId }).IsUnique();
        b.HasIndex(m => m.MemberId);
        b.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        b.HasOne(m => m.Group).WithMany(g => g.Memberships).HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Member).WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
