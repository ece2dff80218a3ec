using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace RunTalkRun.Features.Talk;

/// <summary>
/// The live chat connections this instance holds: whose they are, on which session, in which rooms. Access is
/// checked when a connection joins a room; whenever someone's access may have changed (leaving a group, a role
/// taken away, a ban, a run they're no longer coming to) <see cref="RecheckAsync"/> checks each room again and
/// takes them out of those they may no longer read. A session that ends (signing out, a password reset, a device
/// signed out) or an account that is deleted closes its connections. With Redis, each of these is published to
/// every instance, so connections held elsewhere are reached too.
/// </summary>
public sealed class TalkPresence
{
    static readonly RedisChannel Channel = RedisChannel.Literal("rtr:talk:access");

    sealed record Live(string MemberId, string? SessionId, HubCallerContext Context)
    {
        public ConcurrentDictionary<int, byte> Rooms { get; } = new();
    }

    readonly ConcurrentDictionary<string, Live> connections = new();
    readonly IHubContext<TalkHub> hub;
    readonly IServiceScopeFactory scopes;
    readonly ILogger<TalkPresence> log;
    readonly ISubscriber? redis;

    public TalkPresence(IHubContext<TalkHub> hub, IServiceScopeFactory scopes, IServiceProvider services, ILogger<TalkPresence> log)
    {
        this.hub = hub;
        this.scopes = scopes;
        this.log = log;
        var multiplexer = services.GetService<IConnectionMultiplexer>();
        redis = multiplexer?.GetSubscriber();
        if (multiplexer is null) return;
        // Redis may be out of reach at start: subscribe when it can be reached (StackExchange.Redis keeps the
        // subscription across later reconnections once it is made).
        _ = SubscribeAsync();
        multiplexer.ConnectionRestored += (sender, args) => { if (!subscribed) _ = SubscribeAsync(); };
    }

    volatile bool subscribed;

    async Task SubscribeAsync()
    {
        try
        {
            await redis!.SubscribeAsync(Channel, (channel, value) =>
            {
                var parts = ((string?)value ?? "").Split('|');
                if (parts.Length >= 2) _ = Task.Run(() => HandleHereAsync(parts[0], parts[1], parts[2..]));
            });
            subscribed = true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            log.LogWarning(e, "Could not subscribe to chat access changes through Redis yet");
        }
    }

    public void Connected(HubCallerContext context, string memberId, string? sessionId) =>
        connections[context.ConnectionId] = new Live(memberId, sessionId, context);

    public void Disconnected(string connectionId) => connections.TryRemove(connectionId, out _);

    public void Joined(string connectionId, int roomId)
    {
        if (connections.TryGetValue(connectionId, out var live)) live.Rooms.TryAdd(roomId, 0);
    }

    public void Left(string connectionId, int roomId)
    {
        if (connections.TryGetValue(connectionId, out var live)) live.Rooms.TryRemove(roomId, out _);
    }

    /// <summary>Checks again every room the member's live connections are in; takes them out of any they may no longer read.</summary>
    public Task RecheckAsync(string memberId) => PublishAsync("recheck", memberId);

    /// <summary>Closes the member's live connections made on these sessions.</summary>
    public Task EndSessionsAsync(string memberId, IReadOnlyCollection<string> sessionIds) =>
        sessionIds.Count == 0 ? Task.CompletedTask : PublishAsync("end-sessions", memberId, sessionIds);

    /// <summary>Closes every live connection of the member (their account was deleted, or every session ended).</summary>
    public Task EndMemberAsync(string memberId) => PublishAsync("end-member", memberId);

    async Task PublishAsync(string what, string memberId, IEnumerable<string>? more = null)
    {
        var args = (more ?? []).ToArray();
        if (redis is not null)
        {
            try
            {
                await redis.PublishAsync(Channel, string.Join('|', [what, memberId, .. args]));
                return;
            }
            catch (RedisException e)
            {
                // Redis is away: this instance's connections are still dealt with; the others' when they next check.
                log.LogWarning(e, "Could not publish a chat access change through Redis");
            }
        }
        await HandleHereAsync(what, memberId, args);
    }

    async Task HandleHereAsync(string what, string memberId, string[] args)
    {
        try
        {
            var mine = connections.Values.Where(c => c.MemberId == memberId).ToList();
            if (mine.Count == 0) return;
            switch (what)
            {
                case "end-member":
                    mine.ForEach(c => c.Context.Abort());
                    break;
                case "end-sessions":
                    mine.Where(c => c.SessionId is not null && args.Contains(c.SessionId)).ToList().ForEach(c => c.Context.Abort());
                    break;
                case "recheck":
                    await RecheckHereAsync(memberId, mine);
                    break;
            }
        }
        catch (Exception e)
        {
            log.LogError(e, "Could not apply a chat access change ({What})", what);
        }
    }

    async Task RecheckHereAsync(string memberId, List<Live> mine)
    {
        using var scope = scopes.CreateScope();
        var rooms = scope.ServiceProvider.GetRequiredService<Rooms>();
        foreach (var roomId in mine.SelectMany(c => c.Rooms.Keys).Distinct().ToList())
        {
            if (await rooms.AccessAsync(roomId, memberId) is { CanRead: true }) continue;
            foreach (var live in mine.Where(c => c.Rooms.ContainsKey(roomId)))
            {
                await hub.Groups.RemoveFromGroupAsync(live.Context.ConnectionId, Chat.GroupName(roomId));
                live.Rooms.TryRemove(roomId, out _);
                await hub.Clients.Client(live.Context.ConnectionId).SendAsync("evicted", roomId);
            }
        }
    }
}
