using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using NodaTime.Text;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Leading;

/// <summary>A course a leader has done: what, when, and when it runs out. Leaders keep their own; organisers and HQ see who is current.</summary>
public class TrainingRecord
{
    public const int NameMaxLength = 120;

    public int Id { get; set; }
    public string MemberId { get; set; } = "";
    public TrainingCourse Course { get; set; }
    /// <summary>For <see cref="TrainingCourse.Other"/>: the course's name.</summary>
    public string? OtherName { get; set; }
    public DateOnly TakenOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
    public Instant RecordedAt { get; set; }

    public string Name => Course == TrainingCourse.Other ? OtherName ?? "Other" : TrainingRecords.NameOf(Course);

    public bool IsCurrent(DateOnly today) => ExpiresOn is not { } e || e >= today;

    public TrainingSummary AsSummary(DateOnly today) => new(Id, TrainingRecords.Slug(Course), Name, TakenOn.ToString("yyyy-MM-dd"), ExpiresOn?.ToString("yyyy-MM-dd"), IsCurrent(today));
}

public enum TrainingCourse { MentalHealthFirstAid = 1, FirstAid = 2, RunLeaderLicence = 3, Safeguarding = 4, Other = 9 }

public record TrainingSummary(int Id, string Course, string Name, string TakenOn, string? ExpiresOn, bool Current);

public record TrainingRequest(string? Course, string? OtherName, string? TakenOn, string? ExpiresOn);

public class TrainingRecordConfiguration : IEntityTypeConfiguration<TrainingRecord>
{
    public void Configure(EntityTypeBuilder<TrainingRecord> b)
    {
        b.Property(t => t.Course).HasConversion<string>().HasMaxLength(30);
        b.Property(t => t.OtherName).HasMaxLength(TrainingRecord.NameMaxLength);
        b.HasIndex(t => t.MemberId);
        b.HasIndex(t => t.ExpiresOn);
        b.HasOne<Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
