using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunTalkRun.Features.Accounts;

/// <summary>An explicit, recorded consent: what was agreed to, which version of the text, and when.</summary>
public class Consent
{
    public int Id { get; set; }
    public string MemberId { get; set; } = "";
    public ConsentKind Kind { get; set; }
    public string TextVersion { get; set; } = "";
    public DateTime GivenAt { get; set; }
    public DateTime? WithdrawnAt { get; set; }

    public static Consent Give(string memberId, ConsentKind kind, DateTime now) => new()
    {
        MemberId = memberId,
        Kind = kind,
        TextVersion = ConsentTexts.VersionOf(kind),
        GivenAt = now,
    };
}

public enum ConsentKind { CommunityGuidelines = 1, AttendanceData = 2 }

/// <summary>The texts members agree to. Change the version whenever the words change.</summary>
public static class ConsentTexts
{
    public const string GuidelinesVersion = "2026-11-guidelines-v1";
    public const string AttendanceDataVersion = "2026-11-attendance-v1";

    public const string AttendanceData =
        "Going to a Run Talk Run run says something about your mental health, so we treat it as " +
        "health data. We use it only so that the leaders of a run you are going to know you are " +
        "coming, and so that you can see your own runs. Nobody else sees your name on a run: they " +
        "see a count. You can withdraw this consent at any time.";

    public static string VersionOf(ConsentKind kind) => kind switch
    {
        ConsentKind.CommunityGuidelines => GuidelinesVersion,
        ConsentKind.AttendanceData => AttendanceDataVersion,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

public class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> b)
    {
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(c => c.TextVersion).HasMaxLength(60).IsRequired();
        b.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.MemberId, c.Kind });
    }
}
