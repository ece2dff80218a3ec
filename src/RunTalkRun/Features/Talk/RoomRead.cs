using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunTalkRun.Features.Talk;

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
