using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Runs;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Runs;

public class RsvpCapacityTests(AppFactory app) : IClassFixture<AppFactory>
{
    async Task<List<string>> NewMembersAsync(string prefix, int count) => await app.WithDbAsync(async db =>
    {
        // Straight into the database: these members never sign in, so they need no password.
        var members = Enumerable.Range(0, count).Select(i => new Member
        {
            UserName = $"{prefix}{i}@example.org", NormalizedUserName = $"{prefix}{i}@EXAMPLE.ORG", Email = $"{prefix}{i}@example.org",
            NormalizedEmail = $"{prefix}{i}@EXAMPLE.ORG", Nickname = $"{prefix}{i}", SecurityStamp = Guid.NewGuid().ToString(), JoinedAt = SystemClock.Instance.GetCurrentInstant(),
        }).ToList();
        db.Users.AddRange(members);
        await db.SaveChangesAsync();
        db.Consents.AddRange(members.Select(m => Consent.Give(m.Id, ConsentKind.AttendanceData, SystemClock.Instance.GetCurrentInstant())));
        await db.SaveChangesAsync();
        return members.Select(m => m.Id).ToList();
    });

    async Task<Run> EmptyRunWithCapAsync(string slug, int skip, int cap) => await app.WithDbAsync(async db =>
    {
        var run = await app.NextRunAsync(slug, skip);
        await db.Rsvps.Where(r => r.RunId == run.Id).ExecuteDeleteAsync();
        var tracked = await db.Runs.SingleAsync(r => r.Id == run.Id);
        tracked.Capacity = cap;
        await db.SaveChangesAsync();
        return tracked;
    });

    [Fact]
    public async Task A_hundred_rsvps_at_once_to_a_run_with_ten_places_leave_exactly_ten_going_and_ninety_in_a_queue()
    {
        var run = await EmptyRunWithCapAsync("london-southwark", skip: 6, cap: 10);
        var members = await NewMembersAsync("burst", 100);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = members.Select(id => Task.Run(async () =>
        {
            await go.Task; // all hundred start together
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<Rsvps>().SayImComingAsync(run.Id, id, false);
        })).ToList();
        go.SetResult();
        var outcomes = await Task.WhenAll(attempts);

        Assert.All(outcomes, o => Assert.Null(o.Refusal));
        Assert.Equal(10, outcomes.Count(o => o.Rsvp!.Status == RsvpStatus.Going));
        Assert.Equal(90, outcomes.Count(o => o.Rsvp!.Status == RsvpStatus.Waitlisted));
        // Everyone waiting has a place in the queue of their own, 1 to 90.
        Assert.Equal(Enumerable.Range(1, 90), outcomes.Where(o => o.WaitlistPosition is not null).Select(o => o.WaitlistPosition!.Value).Order());
        Assert.Equal(10, await app.WithDbAsync(db => db.Rsvps.CountAsync(r => r.RunId == run.Id && r.Status == RsvpStatus.Going)));
        Assert.Equal(90, await app.WithDbAsync(db => db.Rsvps.CountAsync(r => r.RunId == run.Id && r.Status == RsvpStatus.Waitlisted)));
    }

    [Fact]
    public async Task The_same_member_tapping_twice_at_once_is_coming_once()
    {
        var run = await EmptyRunWithCapAsync("london-southwark", skip: 7, cap: 10);
        var member = (await NewMembersAsync("twice", 1))[0];
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(async () =>
        {
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<Rsvps>().SayImComingAsync(run.Id, member, true);
        })));
        Assert.Equal(1, outcomes.Count(o => o.Rsvp is not null));
        Assert.All(outcomes.Where(o => o.Rsvp is null), o => Assert.Equal(RsvpRefusal.AlreadyGoing, o.Refusal));
        Assert.Equal(1, await app.WithDbAsync(db => db.Rsvps.CountAsync(r => r.RunId == run.Id)));
    }
}
