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
    public DateTime CreatedAt { get; set; }

    public Member? Member { get; set; }
    public Run? Run { get; set; }
}

public enum RsvpRefusal { Cancelled, InThePast, AlreadyGoing, NotFound, Full }

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
        _ => "You can't say you're coming to this run.",
    };

    public static string Title(this RsvpRefusal refusal) => refusal switch
    {
        RsvpRefusal.Cancelled => "Run cancelled",
        RsvpRefusal.InThePast => "Run already started",
        RsvpRefusal.AlreadyGoing => "Already coming",
        RsvpRefusal.NotFound => "Run not found",
        RsvpRefusal.Full => "Run full",
        _ => "RSVP refused",
    };
}

public class RsvpConfiguration : IEntityTypeConfiguration<Rsvp>
{
    public void Configure(EntityTypeBuilder<Rsvp> b)
    {
        b.HasIndex(r => new { r.RunId, r.MemberId }).IsUnique();
        b.HasIndex(r => r.MemberId);
        b.HasOne(r => r.Run).WithMany(r => r.Rsvps).HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.Member).WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
