using NodaTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Safety;

/// <summary>
/// A safeguarding concern a leader raised after a run they led: someone's safety, an incident or an injury.
/// Seen only by HQ's safeguarding leads (every view is audit-logged); the leader who raised it sees its status.
/// </summary>
public class Concern
{
    public const int DescriptionMaxLength = 4000;
    public const int AboutMaxLength = 60;

    public int Id { get; set; }
    public int RunId { get; set; }
    /// <summary>Null once the leader who raised it has deleted their account: the concern is kept.</summary>
    public string? RaisedById { get; set; }
    public ConcernKind Kind { get; set; }
    /// <summary>Who it is about, as the leader knows them: a nickname or first name is enough. Optional.</summary>
    public string? About { get; set; }
    public string Description { get; set; } = "";
    public Instant RaisedAt { get; set; }
    public ConcernStatus Status { get; set; } = ConcernStatus.New;
    public Instant UpdatedAt { get; set; }
    /// <summary>When it was closed; closed concerns are deleted after the retention period.</summary>
    public Instant? ClosedAt { get; set; }

    public Run? Run { get; set; }
    public Member? RaisedBy { get; set; }
    public List<ConcernNote> Notes { get; set; } = [];
}

public enum ConcernKind { Safety = 1, Incident = 2, Injury = 3 }

public enum ConcernStatus { New = 0, InProgress = 1, Closed = 2 }

public static class ConcernWords
{
    public static string Name(this ConcernKind kind) => kind switch
    {
        ConcernKind.Safety => "Someone's safety",
        ConcernKind.Incident => "An incident",
        ConcernKind.Injury => "An injury",
        _ => kind.ToString(),
    };

    public static string Name(this ConcernStatus status) => status switch
    {
        ConcernStatus.New => "New",
        ConcernStatus.InProgress => "In progress",
        ConcernStatus.Closed => "Closed",
        _ => status.ToString(),
    };

    /// <summary>"new", "in-progress", "closed": the API's and the forms' words.</summary>
    public static string Slug(this ConcernStatus status) => status switch
    {
        ConcernStatus.InProgress => "in-progress",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static string Slug(this ConcernKind kind) => kind.ToString().ToLowerInvariant();

    public static ConcernStatus? StatusFrom(string? slug) =>
        Shared.Slugs.Parse<ConcernStatus>(slug, Slug);

    public static ConcernKind? KindFrom(string? slug) =>
        Shared.Slugs.Parse<ConcernKind>(slug, Slug);
}

public class ConcernConfiguration : IEntityTypeConfiguration<Concern>
{
    public void Configure(EntityTypeBuilder<Concern> b)
    {
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.About).HasMaxLength(Concern.AboutMaxLength);
        b.Property(c => c.Description).HasMaxLength(Concern.DescriptionMaxLength).IsRequired();
        b.HasIndex(c => new { c.Status, c.RaisedAt });
        b.HasIndex(c => c.RaisedById);
        b.HasIndex(c => c.ClosedAt);
        // A safeguarding record outlives the run's register; runs that have started are never deleted.
        b.HasOne(c => c.Run).WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.RaisedBy).WithMany().HasForeignKey(c => c.RaisedById).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(c => c.Notes).WithOne().HasForeignKey(n => n.ConcernId).OnDelete(DeleteBehavior.Cascade);
    }
}
