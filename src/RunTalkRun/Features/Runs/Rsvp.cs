using NodaTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Runs;

/// <summary>"I'm coming". Health data: seen only by the member and the leaders of the run's group.</summary>
public class Rsvp
{
    public int Id { get; set; }
    public int RunId { get; set; }
    public string MemberId { get; set; } = "";
    public bool FirstTime { get; set; }
    /// <summary>When the member said so; the waitlist is in this order.</summary>
    public Instant CreatedAt { get; set; }
    public RsvpStatus Status { get; set; } = RsvpStatus.Going;
    /// <summary>For an offered place: until when it is held for this member.</summary>
    public Instant? OfferExpiresAt { get; set; }
    /// <summary>Made by "I usually come" to the run's series rather than to this run alone.</summary>
    public bool FromSeries { get; set; }

    public Member? Member { get; set; }
    public Run? Run { get; set; }

    /// <summary>An offered place whose time ran out: it has passed on, whether or not the sweep has removed it yet.</summary>
    public bool OfferLapsed(Instant now) => Status == RsvpStatus.Offered && OfferExpiresAt <= now;
}

/// <summary>
/// Going; on the waitlist of a full run; or offered a place that freed up, held for a while. Going and
/// offered hold a place: together they never exceed the run's cap.
/// </summary>
public enum RsvpStatus { Going = 0, Waitlisted = 1, Offered = 2 }

public enum RsvpRefusal { Cancelled, InThePast, AlreadyGoing, NotFound, Full, AlreadyWaitlisted, OfferExpired, NoConsent }

public class RsvpRefusedException(RsvpRefusal refusal) : Exception(refusal.Message())
{
    public RsvpRefusal Refusal { get; } = refusal;
}

public static class RsvpRefusalText
{
    public static string Message(this RsvpRefusal refusal) => refusal switch
    {
        RsvpRefusal.Cancelled => "This run has been cancelled, so you can't say you're coming. Have a look at the group's other runs.",
        RsvpRefusal.InThePast => "This run has already started, so it's too late to say you're coming. Have a look at the next one.",
        RsvpRefusal.AlreadyGoing => "You've already said you're coming to this run. See you there!",
        RsvpRefusal.NotFound => "We couldn't find that run. It may have been removed.",
        RsvpRefusal.Full => "This run is full, so you can't say you're coming this time. Have a look at the group's other runs.",
        RsvpRefusal.AlreadyWaitlisted => "You're already on the waitlist for this run. We'll email you if a place frees up.",
        RsvpRefusal.NoConsent => "You've withdrawn your consent for us to keep a note of the runs you're coming to, so we can't note this one. You can give it again on your account's consents page, or just turn up: you'll be welcome.",
        RsvpRefusal.OfferExpired => "The place we held for you has passed to the next person on the waitlist, as the time to take it ran out. You can join the waitlist again.",
        _ => "You can't say you're coming to this run.",
    };

    /// <summary>Where a member gives the attendance consent again: the page, and the API's method.</summary>
    public const string ConsentsPage = "/account/consents", GiveConsentApi = "/api/v1/me/consents/attendance";

    /// <summary>What a 409 problem adds for a refusal: for a withdrawn consent, where to give it again.</summary>
    public static Dictionary<string, object?> Extensions(this RsvpRefusal refusal)
    {
        var extensions = new Dictionary<string, object?> { ["reason"] = refusal.ToString() };
        if (refusal == RsvpRefusal.NoConsent)
        {
            extensions["consentsUrl"] = ConsentsPage;
            extensions["giveConsentUrl"] = GiveConsentApi;
        }
        return extensions;
    }

    public static string Title(this RsvpRefusal refusal) => refusal switch
    {
        RsvpRefusal.Cancelled => "Run cancelled",
        RsvpRefusal.InThePast => "Run already started",
        RsvpRefusal.AlreadyGoing => "Already coming",
        RsvpRefusal.NotFound => "Run not found",
        RsvpRefusal.Full => "Run full",
        RsvpRefusal.AlreadyWaitlisted => "Already on the waitlist",
        RsvpRefusal.OfferExpired => "Offer expired",
        RsvpRefusal.NoConsent => "Consent withdrawn",
        _ => "RSVP refused",
    };
}

public class RsvpConfiguration : IEntityTypeConfiguration<Rsvp>
{
    public void Configure(EntityTypeBuilder<Rsvp> b)
    {
        b.HasIndex(r => new { r.RunId, r.MemberId }).IsUnique();
        b.HasIndex(r => r.MemberId);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        // The sweep for offers whose time ran out.
        b.HasIndex(r => r.OfferExpiresAt).HasFilter("\"OfferExpiresAt\" IS NOT NULL");
        b.HasOne(r => r.Run).WithMany(r => r.Rsvps).HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.Member).WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
