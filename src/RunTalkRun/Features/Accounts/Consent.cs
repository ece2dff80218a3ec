using NodaTime;
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
    public Instant GivenAt { get; set; }
    public Instant? WithdrawnAt { get; set; }

    public static Consent Give(string memberId, ConsentKind kind, Instant now) => new()
    {
        MemberId = memberId,
        Kind = kind,
        TextVersion = ConsentTexts.VersionOf(kind),
        GivenAt = now,
    };
}

public enum ConsentKind { CommunityGuidelines = 1, AttendanceData = 2, LeadersCode = 3 }

/// <summary>The texts members agree to. Change the version whenever the words change.</summary>
public static class ConsentTexts
{
    public const string GuidelinesVersion = "2026-11-guidelines-v1";
    public const string AttendanceDataVersion = "2026-11-attendance-v1";
    public const string LeadersCodeVersion = "2026-11-leaders-code-v1";

    /// <summary>What a leader promises, on top of the guidelines everyone agrees to.</summary>
    public static readonly string[] LeadersCode =
    [
        "I lead at the pace of the slowest runner, and I count everyone out and back: nobody is left behind.",
        "I listen; I don't advise, diagnose or counsel. I point people to professional help and to crisis lines when they need them.",
        "I keep what is said on a run to myself, unless someone's safety is at risk: then I tell HQ's safeguarding lead.",
        "I never measure anyone's running, and I keep the group's attendance to myself and the other leaders.",
        "I keep my training up to date, and I say so when I can't lead, so that a run is never left without a leader.",
    ];

    public const string AttendanceData =
        "Going to a Run Talk Run run says something about your mental health, so we treat it as " +
        "health data. We use it only so that the leaders of a run you are going to know you are " +
        "coming, and so that you can see your own runs. Nobody else sees your name on a run: they " +
        "see a count. You can withdraw this consent at any time.";

    public static string VersionOf(ConsentKind kind) => kind switch
    {
        ConsentKind.CommunityGuidelines => GuidelinesVersion,
        ConsentKind.AttendanceData => AttendanceDataVersion,
        ConsentKind.LeadersCode => LeadersCodeVersion,
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
