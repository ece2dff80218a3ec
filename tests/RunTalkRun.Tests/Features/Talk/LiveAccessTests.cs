using NodaTime;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Talk;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Talk;

/// <summary>
/// Access to a room is checked when a connection joins it, and again whenever that person's access changes:
/// once it has gone, their open connection receives nothing more from the room (or is closed, when the session
/// or the account ends), while the API already refuses them.
/// </summary>
public class LiveAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    sealed record Live(HubConnection Hub, Channel<MessageView> Received, Channel<int> Evicted, TaskCompletionSource Closed, string Token);

    async Task<Live> ConnectAsync(string email, params int[] rooms)
    {
        var api = await app.ApiClientAsync(email);
        var token = api.DefaultRequestHeaders.Authorization!.Parameter!;
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/talk"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling; // the in-process test server has no WebSockets
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            }).Build();
        var live = new Live(hub, Channel.CreateUnbounded<MessageView>(), Channel.CreateUnbounded<int>(), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), token);
        hub.On<MessageView>("message", m => live.Received.Writer.TryWrite(m));
        hub.On<int>("evicted", id => live.Evicted.Writer.TryWrite(id));
        hub.Closed += _ => { live.Closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartAsync();
        foreach (var room in rooms) Assert.True((await hub.InvokeAsync<HubReply>("Join", room)).Ok, $"{email} could not join room {room}");
        return live;
    }

    static async Task<T> NextAsync<T>(Channel<T> channel)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await channel.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>A message sent to the room reaches the witness (still in it) and not the one who lost access.</summary>
    async Task AssertNoLongerReceivesAsync(Live lost, Live witness, string senderEmail, int room)
    {
        while (lost.Received.Reader.TryRead(out _)) { }
        var text = $"After the change {Guid.NewGuid():N}";
        await (await app.ApiClientAsync(senderEmail)).SendAsync(room, text);
        Assert.Equal(text, (await NextAsync(witness.Received)).Html);
        await Task.Delay(300);
        Assert.False(lost.Received.Reader.TryRead(out var leaked), $"still received: {leaked?.Html}");
    }

    async Task<string> OrganiserOfAsync(string slug) => await app.WithDbAsync(db =>
        db.Memberships.Where(m => m.Group!.Slug == slug && m.Role == RunTalkRun.Features.Groups.GroupRole.Organiser).Select(m => m.Member!.Email!).FirstAsync());

    [Fact]
    public async Task Leaving_a_group_takes_the_open_connection_out_of_its_room()
    {
        var (leaver, stayer) = (await app.NewMemberAsync("Leaver", "brighton"), await app.NewMemberAsync("Stayer", "brighton"));
        var room = await app.GroupRoomAsync("brighton");
        var (lost, witness) = (await ConnectAsync(leaver, room), await ConnectAsync(stayer, room));

        Assert.Equal(HttpStatusCode.NoContent, (await (await app.ApiClientAsync(leaver)).DeleteAsync("/api/v1/groups/brighton/membership")).StatusCode);
        Assert.Equal(room, await NextAsync(lost.Evicted));
        await AssertNoLongerReceivesAsync(lost, witness, stayer, room);
        Assert.False((await lost.Hub.InvokeAsync<HubReply>("Join", room)).Ok);
    }

    [Fact]
    public async Task A_leader_made_a_member_leaves_the_leaders_room_at_once()
    {
        var leader = await app.NewMemberAsync("Was leading", "milton-keynes", RunTalkRun.Features.Groups.GroupRole.Leader);
        var other = await app.NewMemberAsync("Still leading", "milton-keynes", RunTalkRun.Features.Groups.GroupRole.Leader);
        var room = await app.WithDbAsync(async db => (await db.Rooms.SingleOrDefaultAsync(r => r.Key == Room.KeyFor(RoomKind.Leaders, null, null, null)))?.Id);
        var leadersRoom = room ?? (await (await app.ApiClientAsync(leader)).GetFromJsonAsync<JsonElement>("/api/v1/rooms"))
            .EnumerateArray().First(r => r.GetProperty("kind").GetString() == "leaders").GetProperty("id").GetInt32();
        var (lost, witness) = (await ConnectAsync(leader, leadersRoom), await ConnectAsync(other, leadersRoom));

        var organiser = await app.ApiClientAsync(await OrganiserOfAsync("milton-keynes"));
        var leaderId = await app.MemberIdAsync(leader);
        Assert.Equal(HttpStatusCode.OK, (await organiser.PutAsJsonAsync($"/api/v1/groups/milton-keynes/people/{leaderId}/role", new { role = "member" })).StatusCode);
        Assert.Equal(leadersRoom, await NextAsync(lost.Evicted));
        await AssertNoLongerReceivesAsync(lost, witness, other, leadersRoom);
    }

    [Fact]
    public async Task An_hq_moderator_whose_role_is_taken_away_leaves_the_rooms_they_only_moderated()
    {
        var moderator = await app.NewMemberAsync("Ex moderator");
        var moderatorId = await app.MemberIdAsync(moderator);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == moderatorId).ExecuteUpdateAsync(s => s.SetProperty(u => u.HqRole, HqRole.Moderator)));
        var witnessEmail = await app.NewMemberAsync("In Peterborough", "peterborough");
        var room = await app.GroupRoomAsync("peterborough");
        var (lost, witness) = (await ConnectAsync(moderator, room), await ConnectAsync(witnessEmail, room));

        var hq = await app.ApiClientAsync("hq@example.org");
        Assert.True((await hq.PutAsJsonAsync($"/api/v1/hq/people/{moderatorId}/role", new { role = "none" })).IsSuccessStatusCode);
        Assert.Equal(room, await NextAsync(lost.Evicted));
        await AssertNoLongerReceivesAsync(lost, witness, witnessEmail, room);
    }

    [Fact]
    public async Task Dropping_out_of_a_run_leaves_its_thread_unless_one_of_the_groups_people()
    {
        var run = await app.NextRunAsync("brighton", skip: 1);
        var visitor = await app.NewMemberAsync("Visitor"); // not in the group: in the thread only while coming
        var local = await app.NewMemberAsync("Local", "brighton");
        var visitorApi = await app.ApiClientAsync(visitor);
        Assert.True((await visitorApi.PostAsJsonAsync($"/api/v1/runs/{run.Id}/rsvp", new { firstTime = false })).IsSuccessStatusCode);
        var thread = await app.WithDbAsync(async db =>
        {
            var key = Room.KeyFor(RoomKind.Run, null, run.Id, null);
            if (await db.Rooms.SingleOrDefaultAsync(r => r.Key == key) is { } found) return found.Id;
            var room = new Room { Kind = RoomKind.Run, Key = key, RunId = run.Id, CreatedAt = SystemClock.Instance.GetCurrentInstant() };
            db.Rooms.Add(room);
            await db.SaveChangesAsync();
            return room.Id;
        });
        var (lost, witness) = (await ConnectAsync(visitor, thread), await ConnectAsync(local, thread));

        Assert.True((await visitorApi.DeleteAsync($"/api/v1/runs/{run.Id}/rsvp")).IsSuccessStatusCode);
        Assert.Equal(thread, await NextAsync(lost.Evicted));
        await AssertNoLongerReceivesAsync(lost, witness, local, thread);
    }

    [Fact]
    public async Task Deleting_the_account_closes_its_live_connections()
    {
        var leaver = await app.NewMemberAsync("Deleting", "brighton");
        var room = await app.GroupRoomAsync("brighton");
        var lost = await ConnectAsync(leaver, room);
        var api = await app.ApiClientAsync(leaver);
        var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me") { Content = JsonContent.Create(new { password = DemoCommunity.Password }) };
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(delete)).StatusCode);
        await lost.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Signing_out_the_session_closes_its_live_connection_and_the_token_stops_working()
    {
        var member = await app.NewMemberAsync("Signing out", "brighton");
        var room = await app.GroupRoomAsync("brighton");
        var lost = await ConnectAsync(member, room);
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", lost.Token);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/logout", null)).StatusCode);
        await lost.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/rooms")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_everywhere_else_closes_the_other_devices_connections_only()
    {
        var member = await app.NewMemberAsync("Two phones", "brighton");
        var room = await app.GroupRoomAsync("brighton");
        var (other, mine) = (await ConnectAsync(member, room), await ConnectAsync(member, room));
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", mine.Token);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync("/api/v1/me/sessions")).StatusCode);
        await other.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(mine.Closed.Task.IsCompleted);
        await (await app.ApiClientAsync(member)).SendAsync(room, "still here");
        Assert.Equal("still here", (await NextAsync(mine.Received)).Html);
    }
}
