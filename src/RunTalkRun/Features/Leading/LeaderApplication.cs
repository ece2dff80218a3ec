using NodaTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Leading;

/// <summary>
/// Someone asking to lead runs in an existing group, or to start a group in a town that has none.
/// HQ reviews it: approves, asks a question (answered on the same page) or declines with a kind message.
/// </summary>
public class LeaderApplication
{
    public const int TextMaxLength = 2000;
    public const int TrainingMaxLength = 1000;

    public int Id { get; set; }
    public string MemberId { get; set; } = "";
    public ApplicationKind Kind { get; set; }
    /// <summary>The group to lead in; for a new town, the group created when HQ approves.</summary>
    public int? GroupId { get; set; }
    public string Town { get; set; } = "";
    public string Region { get; set; } = "";
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string Country { get; set; } = "GB";
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    /// <summary>Country and town, normalised ("gb:peterborough"): one open application per member per town.</summary>
    public string TownKey { get; set; } = "";
    public string Motivation { get; set; } = "";
    public string Experience { get; set; } = "";
    public string Availability { get; set; } = "";
    /// <summary>Courses already done, in the applicant's words (Mental Health First Aid, first aid, a run-leader licence...).</summary>
    public string? TrainingDone { get; set; }
    public Instant GuidelinesAcceptedAt { get; set; }
    public Instant LeadersCodeAcceptedAt { get; set; }
    public ApplicationStatus Status { get; set; } = ApplicationStatus.Submitted;
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }
    public Instant? DecidedAt { get; set; }
    public string? DecidedById { get; set; }
    /// <summary>HQ's kind words when declining, shown to the applicant and sent by mail.</summary>
    public string? DeclineMessage { get; set; }

    public Member? Member { get; set; }
    public Group? Group { get; set; }
    public List<ApplicationMessage> Messages { get; set; } = [];

    public bool IsOpen => Status is ApplicationStatus.Submitted or ApplicationStatus.QuestionAsked;

    public static string KeyFor(string country, string town) => $"{country.ToLowerInvariant()}:{Places.Gazetteer.Normalise(town)}";

    /// <summary>The words the applicant and HQ see for where it stands.</summary>
    public string StatusText => Status switch
    {
        ApplicationStatus.Submitted => "Waiting for HQ to read it",
        ApplicationStatus.QuestionAsked => "HQ has asked you a question",
        ApplicationStatus.Approved => "Approved",
        ApplicationStatus.Declined => "Not this time",
        _ => Status.ToString(),
    };

    /// <summary>The same, in HQ's words.</summary>
    public string HqStatusText => Status switch
    {
        ApplicationStatus.Submitted => "Waiting for HQ",
        ApplicationStatus.QuestionAsked => "Waiting for the applicant's answer",
        _ => StatusText,
    };

    /// <summary>Times on the application's pages are shown in its town's time zone.</summary>
    public NodaTime.DateTimeZone Zone => NodaTime.DateTimeZoneProviders.Tzdb[Groups.TimeZones.Nearest(Country, Latitude, Longitude)];

    public Time.TimePlace Place => new(Zone, Country);

    public string LocalTime(Instant at) => Time.TimeText.DayAndTime(at, Place);

    public string What => Kind == ApplicationKind.NewGroup ? $"Start a group in {Town}" : $"Lead runs in {Group?.Name ?? Town}";

    /// <summary>The same, inside a sentence: "to start a group in Truro".</summary>
    public string WhatInSentence => char.ToLowerInvariant(What[0]) + What[1..];

    public ApplicationSummary AsSummary() => new(Id, Kind == ApplicationKind.NewGroup ? "new-group" : "join-group", Group?.Slug, Town, Country,
        Status switch
        {
            ApplicationStatus.QuestionAsked => "question-asked",
            _ => Status.ToString().ToLowerInvariant(),
        },
        Motivation, Experience, Availability, TrainingDone, CreatedAt.ToDateTimeOffset(), DeclineMessage,
        Messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => new ApplicationMessageSummary(m.FromHq ? "hq" : "applicant", m.Text, m.CreatedAt.ToDateTimeOffset())).ToArray());
}

public enum ApplicationKind { JoinGroup = 0, NewGroup = 1 }

/// <summary>Submitted: waiting for HQ. QuestionAsked: waiting for the applicant. Approved and Declined are final.</summary>
public enum ApplicationStatus { Submitted = 0, QuestionAsked = 1, Approved = 2, Declined = 3 }

public record ApplicationSummary(int Id, string Kind, string? Group, string Town, string Country, string Status,
    string Motivation, string Experience, string Availability, string? TrainingDone, DateTimeOffset SubmittedAt,
    string? DeclineMessage, ApplicationMessageSummary[] Messages);

public record ApplicationMessageSummary(string From, string Text, DateTimeOffset At);

public class LeaderApplicationConfiguration : IEntityTypeConfiguration<LeaderApplication>
{
    public void Configure(EntityTypeBuilder<LeaderApplication> b)
    {
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Town).HasMaxLength(120).IsRequired();
        b.Property(a => a.Region).HasMaxLength(120);
        b.Property(a => a.Country).HasMaxLength(2).IsRequired();
        b.Property(a => a.TownKey).HasMaxLength(130).IsRequired();
        b.Property(a => a.Motivation).HasMaxLength(LeaderApplication.TextMaxLength).IsRequired();
        b.Property(a => a.Experience).HasMaxLength(LeaderApplication.TextMaxLength).IsRequired();
        b.Property(a => a.Availability).HasMaxLength(LeaderApplication.TextMaxLength).IsRequired();
        b.Property(a => a.TrainingDone).HasMaxLength(LeaderApplication.TrainingMaxLength);
        b.Property(a => a.DeclineMessage).HasMaxLength(LeaderApplication.TextMaxLength);
        // One open application per member per town, whichever instance takes the second one.
        b.HasIndex(a => new { a.MemberId, a.TownKey }).IsUnique().HasFilter("\"Status\" IN ('Submitted', 'QuestionAsked')");
        b.HasIndex(a => a.Status);
        b.HasOne(a => a.Member).WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(a => a.Group).WithMany().HasForeignKey(a => a.GroupId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Member>().WithMany().HasForeignKey(a => a.DecidedById).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(a => a.Messages).WithOne().HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
