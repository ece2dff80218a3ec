using NodaTime;
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
    public Instant JoinedAt { get; set; }
    /// <summary>The secret in the address of the member's private calendar feed; null until asked for, replaced to revoke.</summary>
    public string? CalendarToken { get; set; }
    /// <summary>The secret in one-click unsubscribe links; set the first time a mail about runs is written.</summary>
    public string? MailToken { get; set; }
    public Mail.MailPreferences Mail { get; set; } = new();
    /// <summary>Optional. Shown only to the leaders of a run the member is coming to, on the day.</summary>
    public string? EmergencyContactName { get; set; }
    /// <summary>In international form (E.164), e.g. +447700900123.</summary>
    public string? EmergencyContactPhone { get; set; }

    public const int EmergencyNameMaxLength = 60;

    public bool IsHq => HqRole != HqRole.None;
}

/// <summary>
/// A role at Run Talk Run HQ, not in a group. Admins review applications and look after groups;
/// safeguarding leads handle concerns; moderators look after the chats. Each person has one.
/// </summary>
public enum HqRole { None = 0, Admin = 1, SafeguardingLead = 2, Moderator = 3 }

public class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.Property(m => m.Nickname).HasMaxLength(Member.NicknameMaxLength).IsRequired();
        b.Property(m => m.HqRole).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.CalendarToken).HasMaxLength(64);
        b.HasIndex(m => m.CalendarToken).IsUnique();
        b.Property(m => m.MailToken).HasMaxLength(64);
        b.HasIndex(m => m.MailToken).IsUnique();
        b.ComplexProperty(m => m.Mail);
        b.Property(m => m.EmergencyContactName).HasMaxLength(Member.EmergencyNameMaxLength);
        b.Property(m => m.EmergencyContactPhone).HasMaxLength(20);
    }
}
