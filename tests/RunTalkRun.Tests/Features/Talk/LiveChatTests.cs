using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using RunTalkRun.Data;
using RunTalkRun.Features.Talk;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Talk;

/// <summary>The hub: a member joined to a room receives messages sent by anyone, by the hub, the page or the API.</summary>
public class LiveChatTests(AppFactory app) : IClassFixture<AppFactory>
{
    async Task<(HubConnection Hub, Channel<MessageView> Received, Channel<int> Evicted)> ConnectAsync(string email)
    {
        var login = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = DemoCommunity.Password });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/talk"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling; // the in-process test server has no WebSockets
                o.AccessTokenProvider = () => Task.FromResult(token);
            }).Build();
        var received = Channel.CreateUnbounded<MessageView>();
        var evicted = Channel.CreateUnbounded<int>();
        hub.On<MessageView>("message", m => received.Writer.TryWrite(m));
        hub.On<MessageView>("edited", m => received.Writer.TryWrite(m));
        hub.On<int>("evicted", id => evicted.Writer.TryWrite(id));
        await hub.StartAsync();
        return (hub, received, evicted);
    }

    static async Task<T> NextAsync<T>(Channel<T> channel)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await channel.Reader.ReadAsync(timeout.Token);
    }

    [Fact]
    public async Task Members_joined_to_a_room_receive_each_others_messages_at_once_and_outsiders_cannot_join()
    {
        var (a, b) = (await app.NewMemberAsync("Ada", "brighton"), await app.NewMemberAsync("Bea", "brighton"));
        var room = await app.GroupRoomAsync("brighton");
        var (hubA, _, _) = await ConnectAsync(a);
        var (hubB, receivedB, _) = await ConnectAsync(b);
        Assert.True((await hubA.InvokeAsync<HubReply>("Join", room)).Ok);
        Assert.True((await hubB.InvokeAsync<HubReply>("Join", room)).Ok);

        var reply = await hubA.InvokeAsync<HubReply>("Send", room, "Anyone up for a slow one <b>tonight</b>?");
        Assert.True(reply.Ok);
        var got = await NextAsync(receivedB);
        Assert.Equal(reply.Id, got.Id);
        Assert.Equal("Ada", got.Author);
        Assert.Equal("Anyone up for a slow one &lt;b&gt;tonight&lt;/b&gt;?", got.Html);

        // Sent through the API, it arrives the same way.
        await (await app.ApiClientAsync(a)).SendAsync(room, "From the app");
        Assert.Equal("From the app", (await NextAsync(receivedB)).Html);

        var refused = await hubA.InvokeAsync<HubReply>("Send", room, "");
        Assert.False(refused.Ok);
        Assert.Equal(400, refused.Status);

        var outsider = await app.NewMemberAsync("Out", "peterborough");
        var (hubC, receivedC, _) = await ConnectAsync(outsider);
        var join = await hubC.InvokeAsync<HubReply>("Join", room);
        Assert.False(join.Ok);
        Assert.Equal(404, join.Status); // a room they aren't in is not found, as if there were none
        Assert.False((await hubC.InvokeAsync<HubReply>("Send", room, "sneaking in")).Ok);
        await hubC.InvokeAsync("MarkRead", room, long.MaxValue);
        var outsiderId = await app.MemberIdAsync(outsider);
        Assert.False(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.RoomReads, r => r.MemberId == outsiderId)));
        await hubA.InvokeAsync<HubReply>("Send", room, "Not for outsiders");
        await NextAsync(receivedB);
        Assert.False(receivedC.Reader.TryRead(out _));
        await Task.WhenAll(hubA.DisposeAsync().AsTask(), hubB.DisposeAsync().AsTask(), hubC.DisposeAsync().AsTask());
    }

    [Fact]
    public async Task A_member_removed_from_a_room_stops_receiving_it_at_once()
    {
        var (stays, goes) = (await app.NewMemberAsync("Stays", "milton-keynes"), await app.NewMemberAsync("Goes", "milton-keynes"));
        var room = await app.GroupRoomAsync("milton-keynes");
        var (hubStays, receivedStays, _) = await ConnectAsync(stays);
        var (hubGoes, receivedGoes, evicted) = await ConnectAsync(goes);
        await hubStays.InvokeAsync<HubReply>("Join", room);
        await hubGoes.InvokeAsync<HubReply>("Join", room);

        var moderator = await app.ApiClientAsync(DemoCommunity.ModeratorEmail);
        var goesId = await app.MemberIdAsync(goes);
        var removed = await moderator.PutAsJsonAsync($"/api/v1/rooms/{room}/bans/{goesId}", new { kind = "removed" });
        Assert.Equal(System.Net.HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(room, await NextAsync(evicted));

        await hubStays.InvokeAsync<HubReply>("Send", room, "After the removal");
        Assert.Equal("After the removal", (await NextAsync(receivedStays)).Html);
        await Task.Delay(300);
        Assert.False(receivedGoes.Reader.TryRead(out _));
        Assert.False((await hubGoes.InvokeAsync<HubReply>("Join", room)).Ok);
        await Task.WhenAll(hubStays.DisposeAsync().AsTask(), hubGoes.DisposeAsync().AsTask());
    }
}
