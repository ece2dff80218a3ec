using NodaTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunTalkRun.Features.Accounts;

/// <summary>
/// One place a member is signed in: a browser's cookie, or an app's bearer and refresh tokens. Each carries this
/// session's id; signing out deletes the row and the cookie or token counts for nothing from then on, here and on
/// every other instance. What the member sees of it: the kind of device and when it was last used (no address).
/// </summary>
public class MemberSession
{
    public const int DeviceMaxLength = 80;

    public string Id { get; set; } = "";
    public string MemberId { get; set; } = "";
    public SessionKind Kind { get; set; }
    /// <summary>"Firefox on Android", from the browser's User-Agent; nothing finer.</summary>
    public string Device { get; set; } = "";
    public Instant StartedAt { get; set; }
    public Instant LastSeenAt { get; set; }
}

public enum SessionKind { Browser = 0, App = 1 }

public class MemberSessionConfiguration : IEntityTypeConfiguration<MemberSession>
{
    public void Configure(EntityTypeBuilder<MemberSession> b)
    {
        b.ToTable("MemberSessions");
        b.Property(s => s.Id).HasMaxLength(44);
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(10);
        b.Property(s => s.Device).HasMaxLength(MemberSession.DeviceMaxLength);
        b.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.MemberId);
    }
}
