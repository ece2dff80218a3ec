using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Runs;

/// <summary>One run: an occurrence of a series, which can be moved or cancelled on its own.</summary>
public class Run
{
    public int Id { get; set; }
    public int GroupId { get; set; }
    public int? SeriesId { get; set; }
    /// <summary>The series' local date this run stands for; with SeriesId, unique.</summary>
    public DateOnly? SeriesDate { get; set; }
    public int? MeetingPointId { get; set; }
    public string Title { get; set; } = "";
    public Instant StartsAt { get; set; }
    public int ApproxDistanceKm { get; set; } = 5;
    /// <summary>A virtual run: everyone runs wherever they are at the same time, then talks online.</summary>
    public bool IsVirtual { get; set; }
    /// <summary>For a virtual run: when the online talk starts.</summary>
    public Instant? TalkOnlineAt { get; set; }
    /// <summary>For a virtual run: where the talk happens online (https only), seen by the people coming (<see cref="Runs.OnlineAddress"/>).</summary>
    public string? OnlineAddress { get; set; }
    public RunStatus Status { get; set; } = RunStatus.Scheduled;
    public string? CancelReason { get; set; }
    /// <summary>The most people who can come, leader included; null for no limit.</summary>
    public int? Capacity { get; set; }

    // The register, for safety only: everyone counted out at the start and back in at the end.
    public int? StartHeadcount { get; set; }
    public int? EndHeadcount { get; set; }
    /// <summary>Walk-ins counted without a name.</summary>
    public int WalkInCount { get; set; }
    /// <summary>After the retention period the register is only these counts.</summary>
    public int? RegisterTotal { get; set; }
    public int? RegisterFirstTimers { get; set; }
    public Instant? RegisterReducedAt { get; set; }

    /// <summary>The calendar event's SEQUENCE: one more each time the run's time, place or status changes.</summary>
    public int CalendarSequence { get; set; }
    /// <summary>When the run's time, place or status last changed (the event's LAST-MODIFIED); null if never.</summary>
    public Instant? ChangedAt { get; set; }
    /// <summary>The run as it was before its changes that nobody has been told about yet (see <see cref="RunChangeNotice"/>).</summary>
    public RunChangeNotice? PendingNotice { get; set; }

    public const int CancelReasonMaxLength = 500;
    public const int MaxCapacity = 200;

    public Group? Group { get; set; }
    public MeetingPoint? MeetingPoint { get; set; }
    public List<Rsvp> Rsvps { get; set; } = [];
    /// <summary>The roster: who leads this run. A scheduled run with nobody here is not confirmed.</summary>
    public List<Leading.RunLeader> Leaders { get; set; } = [];

    public ZonedDateTime LocalStart(DateTimeZone zone) => StartsAt.InZone(zone);

    public bool HasStarted(Instant now) => StartsAt <= now;

    /// <summary>Why this run cannot take a new RSVP at <paramref name="now"/>, or null if it can.</summary>
    public RsvpRefusal? RefuseRsvp(Instant now) =>
        Status == RunStatus.Cancelled ? RsvpRefusal.Cancelled
        : HasStarted(now) ? RsvpRefusal.InThePast
        : null;

    /// <summary>Says "I'm coming" for a member. The database also forbids a second RSVP for the same member.</summary>
    public Rsvp AddRsvp(string memberId, bool firstTime, Instant now)
    {
        if (RefuseRsvp(now) is { } refusal) throw new RsvpRefusedException(refusal);
        var rsvp = new Rsvp { RunId = Id, MemberId = memberId, FirstTime = firstTime, CreatedAt = now };
        Rsvps.Add(rsvp);
        return rsvp;
    }

    public static Run FromSeries(RunSeries series, LocalDate date, Instant startsAt) => new()
    {
        GroupId = series.GroupId,
        SeriesId = series.Id,
        SeriesDate = date.ToDateOnly(),
        Title = series.Title,
        StartsAt = startsAt,
        ApproxDistanceKm = series.ApproxDistanceKm,
        IsVirtual = series.IsVirtual,
        MeetingPointId = series.IsVirtual ? null : series.MeetingPointId,
        TalkOnlineAt = series.IsVirtual && series.TalkOnlineAfterMinutes is { } minutes ? startsAt.Plus(Duration.FromMinutes(minutes)) : null,
    };
}

public enum RunStatus { Scheduled = 0, Cancelled = 1 }

public class RunConfiguration : IEntityTypeConfiguration<Run>
{
    public void Configure(EntityTypeBuilder<Run> b)
    {
        b.Property(r => r.Title).HasMaxLength(120).IsRequired();
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.CancelReason).HasMaxLength(500);
        b.Property(r => r.OnlineAddress).HasMaxLength(Runs.OnlineAddress.MaxLength);
        b.Property(r => r.StartsAt).HasColumnName("StartsAtUtc");
        b.Property(r => r.TalkOnlineAt).HasColumnName("TalkOnlineAtUtc");
        b.OwnsOne(r => r.PendingNotice, n =>
        {
            n.Property(x => x.Since).HasColumnName("NoticeSince");
            n.Property(x => x.DueAt).HasColumnName("NoticeDueAt");
            n.Property(x => x.FromStartsAt).HasColumnName("NoticeFromStartsAt");
            n.Property(x => x.FromMeetingPointId).HasColumnName("NoticeFromMeetingPointId");
            n.Property(x => x.FromCancelled).HasColumnName("NoticeFromCancelled");
        });
        b.HasIndex(r => new { r.SeriesId, r.SeriesDate }).IsUnique();
        b.HasIndex(r => new { r.GroupId, r.StartsAt });
        b.HasIndex(r => r.StartsAt); // the jobs: runs starting soon, runs whose register is due to be reduced
        // Virtual runs by time: a partial index, which SQLite uses for "WHERE IsVirtual AND ..." (a bare
        // boolean column can't seek an ordinary index); the filter is the same SQL on PostgreSQL.
        b.HasIndex(r => r.StartsAt, "IX_Runs_Virtual_StartsAtUtc").HasFilter("\"IsVirtual\"");
        b.HasOne(r => r.Group).WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<RunSeries>().WithMany().HasForeignKey(r => r.SeriesId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(r => r.MeetingPoint).WithMany().HasForeignKey(r => r.MeetingPointId).OnDelete(DeleteBehavior.SetNull);
    }
}
