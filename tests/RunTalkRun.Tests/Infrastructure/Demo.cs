using NodaTime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Tests.Infrastructure;

/// <summary>Finding things in the seeded demo community, and making fresh members for tests that change data.</summary>
public static class Demo
{
    /// <summary>The group's next scheduled run, <paramref name="skip"/> runs on.</summary>
    public static Task<Run> NextRunAsync(this AppFactory app, string slug, int skip = 0) => app.WithDbAsync(db =>
    {
        var now = app.Clock.GetCurrentInstant();
        return db.Runs.Include(r => r.Group).Where(r => r.Group!.Slug == slug && r.StartsAt > now && r.Status == RunStatus.Scheduled && !r.IsVirtual)
            .OrderBy(r => r.StartsAt).Skip(skip).FirstAsync();
    });

    public static Task<Run> PastRunAsync(this AppFactory app, string slug) => app.WithDbAsync(db =>
    {
        var now = app.Clock.GetCurrentInstant();
        return db.Runs.Include(r => r.Group).Where(r => r.Group!.Slug == slug && r.StartsAt < now && !r.IsVirtual)
            .OrderByDescending(r => r.StartsAt).FirstAsync();
    });

    public static Task<Run> CancelledRunAsync(this AppFactory app) => app.WithDbAsync(db =>
        db.Runs.Include(r => r.Group).FirstAsync(r => r.Status == RunStatus.Cancelled && r.StartsAt > app.Clock.GetCurrentInstant()));

    /// <summary>A new member with both consents, optionally in a group. Returns the email.</summary>
    public static async Task<string> NewMemberAsync(this AppFactory app, string? nickname = null, string? groupSlug = null, GroupRole role = GroupRole.Member)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var email = $"t{Guid.NewGuid():N}@example.net";
        var member = new Member { UserName = email, Email = email, EmailConfirmed = true, Nickname = nickname ?? "Tester", JoinedAt = app.Clock.GetCurrentInstant() };
        var result = await users.CreateAsync(member, DemoCommunity.Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        db.Consents.Add(Consent.Give(member.Id, ConsentKind.CommunityGuidelines, app.Clock.GetCurrentInstant()));
        db.Consents.Add(Consent.Give(member.Id, ConsentKind.AttendanceData, app.Clock.GetCurrentInstant()));
        if (groupSlug is not null)
        {
            var group = await db.Groups.SingleAsync(g => g.Slug == groupSlug);
            db.Memberships.Add(new GroupMembership { GroupId = group.Id, MemberId = member.Id, Role = role, JoinedAt = app.Clock.GetCurrentInstant() });
        }
        await db.SaveChangesAsync();
        return email;
    }

    public static Task<string> MemberIdAsync(this AppFactory app, string email) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>A one-off run of the group (no series) starting <paramref name="startsIn"/> from now, with nobody coming yet.</summary>
    public static Task<Run> NewRunAsync(this AppFactory app, string slug, TimeSpan startsIn, int? capacity = null) => app.WithDbAsync(async db =>
    {
        var group = await db.Groups.SingleAsync(g => g.Slug == slug);
        var basePoint = await db.MeetingPoints.SingleAsync(m => m.GroupId == group.Id && m.IsBase);
        var run = new Run
        {
            GroupId = group.Id, MeetingPointId = basePoint.Id, Title = $"{group.Name} test run",
            StartsAt = app.Clock.GetCurrentInstant().Plus(Duration.FromTimeSpan(startsIn)), Capacity = capacity,
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        run.Group = group;
        return run;
    });

    /// <summary>Says "I'm coming" for a member straight in the database, as if they had said so <paramref name="ago"/>.</summary>
    public static Task RsvpAsync(this AppFactory app, int runId, string email, TimeSpan ago, bool firstTime = false) => app.WithDbAsync(async db =>
    {
        var memberId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        db.Rsvps.Add(new Rsvp { RunId = runId, MemberId = memberId, FirstTime = firstTime, CreatedAt = app.Clock.GetCurrentInstant() - Duration.FromTimeSpan(ago) });
        await db.SaveChangesAsync();
        return 0;
    });
}
