using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunTalkRun.Features.Accounts;

/// <summary>A person with an account. A nickname is enough: nothing about health, ever.</summary>
public class Member : IdentityUser
{
    public const int NicknameMaxLength = 40;

    public string Nickname { get; set; } = "";
    public HqRole HqRole { get; set; } = HqRole.None;
    public DateTime JoinedAt { get; set; }
    /// <summary>The secret in the address of the member's private calendar feed; null until asked for, replaced to revoke.</summary>
    public string? CalendarToken { get; set; }

    public bool IsHq => HqRole != HqRole.None;
}

/// <summary>A role at Run Talk Run HQ, not in a group.</summary>
public enum HqRole { None = 0, Admin = 1 }

public class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.Property(m => m.Nickname).HasMaxLength(Member.NicknameMaxLength).IsRequired();
        b.Property(m => m.HqRole).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.CalendarToken).HasMaxLength(64);
        b.HasIndex(m => m.CalendarToken).IsUnique();
    }
}
