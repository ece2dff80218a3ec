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
            NormalizedEmail = $"{prefix}{i}@EXAMPLE.ORG", Nickname = $"{prefix}{i}", SecurityStamp = Guid.NewGuid().ToString(), JoinedAt = DateTime.UtcNow,
        }).ToList();
        db.Users.AddRange(members);
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
    public async Task A_hundred_rsvps_at_once_to_a_run_with_ten_places_leave_exactly_ten_going()
    {
        var run = await EmptyRunWithCapAsync("london-southwark", skip: 6, cap: 10);
        var members = await NewMembersAsync("burst", 100);
        var now = SystemClock.Instance.GetCurrentInstant();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = members.Select(id => Task.Run(async () =>
        {
            await go.Task; // all hundred start together
            using var scope = app.Services.CreateScope();
            return await Rsvps.SayImComingAsync(scope.ServiceProvider.GetRequiredService<AppDb>(), run.Id, id, false, now);
        })).ToList();
        go.SetResult();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(10, outcomes.Count(o => o.Rsvp is not null));
        Assert.Equal(90, outcomes.Count(o => o.Refusal == RsvpRefusal.Full));
        Assert.Equal(10, await app.WithDbAsync(db => db.Rsvps.CountAsync(r => r.RunId == run.Id)));
    }

    [Fact]
    public async Task The_same_member_tapping_twice_at_once_is_coming_once()
    {
        var run = await EmptyRunWithCapAsync("london-southwark", skip: 7, cap: 10);
        var member = (await NewMembersAsync("twice", 1))[0];
        var now = SystemClock.Instance.GetCurrentInstant();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(async () =>
        {
            using var scope = app.Services.CreateScope();
            return await Rsvps.SayImComingAsync(scope.ServiceProvider.GetRequiredService<AppDb>(), run.Id, member, true, now);
        })));
        Assert.Equal(1, outcomes.Count(o => o.Rsvp is not null));
        Assert.All(outcomes.Where(o => o.Rsvp is null), o => Assert.Equal(RsvpRefusal.AlreadyGoing, o.Refusal));
        Assert.Equal(1, await app.WithDbAsync(db => db.Rsvps.CountAsync(r => r.RunId == run.Id)));
    }
}
