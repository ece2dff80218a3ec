using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace RunTalkRun.Features.Groups;

/// <summary>A local community in one country and one time zone.</summary>
public class Group
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string Town { get; set; } = "";
    /// <summary>ISO 3166-1 alpha-2 code: GB, US, AU, ...</summary>
    public string Country { get; set; } = "GB";
    /// <summary>IANA time zone, e.g. Europe/London.</summary>
    public string TimeZoneId { get; set; } = "Europe/London";
    public string About { get; set; } = "";
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public GroupStatus Status { get; set; } = GroupStatus.Active;
    /// <summary>Where else to find the group: its own website and public social pages (https only).</summary>
    public string? WebsiteUrl { get; set; }
    public string? InstagramUrl { get; set; }
    public string? FacebookUrl { get; set; }

    /// <summary>The group's links with a label, for pages and the API; only those set.</summary>
    public IEnumerable<GroupLink> Links()
    {
        if (!string.IsNullOrEmpty(WebsiteUrl)) yield return new("Website", WebsiteUrl);
        if (!string.IsNullOrEmpty(InstagramUrl)) yield return new("Instagram", InstagramUrl);
        if (!string.IsNullOrEmpty(FacebookUrl)) yield return new("Facebook", FacebookUrl);
    }

    public List<MeetingPoint> MeetingPoints { get; set; } = [];
    public List<GroupMembership> Memberships { get; set; } = [];

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZoneId];

    public GroupSummary AsSummary() => new(Slug, Name, Town, Country, Countries.NameOf(Country), TimeZoneId, Status.ToString().ToLowerInvariant(), Latitude, Longitude);
}

public record GroupLink(string Label, string Url);

/// <summary>Launching: approved by HQ, getting ready, not listed yet. Active: listed. Paused: listed, no runs for now.</summary>
public enum GroupStatus { Launching = 0, Active = 1, Paused = 2 }

public static class GroupListing
{
    /// <summary>The groups people can find: a launching group is not listed until HQ sets it live.</summary>
    public static IQueryable<Group> Listed(this IQueryable<Group> groups) => groups.Where(g => g.Status != GroupStatus.Launching);
}

public record GroupSummary(string Slug, string Name, string Town, string Country, string CountryName, string TimeZone, string Status,
    double Latitude, double Longitude)
{
    /// <summary>Set only when asked for groups near a point.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? DistanceKm { get; init; }
}

public class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> b)
    {
        b.HasIndex(g => g.Slug).IsUnique();
        b.HasIndex(g => new { g.Latitude, g.Longitude });
        b.Property(g => g.Slug).HasMaxLength(80).IsRequired();
        b.Property(g => g.Name).HasMaxLength(120).IsRequired();
        b.Property(g => g.Town).HasMaxLength(120).IsRequired();
        b.Property(g => g.Country).HasMaxLength(2).IsRequired();
        b.Property(g => g.TimeZoneId).HasMaxLength(64).IsRequired();
        b.Property(g => g.About).HasMaxLength(4000);
        b.Property(g => g.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(g => g.WebsiteUrl).HasMaxLength(300);
        b.Property(g => g.InstagramUrl).HasMaxLength(300);
        b.Property(g => g.FacebookUrl).HasMaxLength(300);
    }
}
