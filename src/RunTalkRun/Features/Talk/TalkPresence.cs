using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace RunTalkRun.Features.Talk;

/// <summary>
/// Which live connections this instance holds for each member, so that a member removed from a room (or
/// leaving a group) stops receiving it at once. With Redis, the eviction is published to every instance.
/// </summary>
public sealed class TalkPresence
{
    static readonly RedisChannel Channel = RedisChannel.Literal("rtr:talk:evict");
    readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> connections = new();
    readonly IHubContext<TalkHub> hub;
    readonly IConnectionMultiplexer? redis;

    public TalkPresence(IHubContext<TalkHub> hub, IServiceProvider services)
    {
        this.hub = hub;
        redis = services.GetService<IConnectionMultiplexer>();
        redis?.GetSubscriber().Subscribe(Channel, (_, value) =>
        {
            var parts = ((string?)value ?? "").Split('|', 2);
            if (parts.Length == 2 && int.TryParse(parts[0], out var roomId)) Task.Run(() => EvictHereAsync(roomId, parts[1]));
        });
    }

    public void Connected(string memberId, string connectionId) =>
        connections.GetOrAdd(memberId, _ => new()).TryAdd(connectionId, 0);

    public void Disconnected(string memberId, string connectionId)
    {
        if (connections.TryGetValue(memberId, out var mine)) mine.TryRemove(connectionId, out _);
    }

    /// <summary>Takes the member's connections (on every instance) out of the room, and tells their pages.</summary>
    public async Task EvictAsync(int roomId, string memberId)
    {
        if (redis is not null) await redis.GetSubscriber().PublishAsync(Channel, $"{roomId}|{memberId}");
        else await EvictHereAsync(roomId, memberId);
        await hub.Clients.User(memberId).SendAsync("evicted", roomId);
    }

    async Task EvictHereAsync(int roomId, string memberId)
    {
        if (!connections.TryGetValue(memberId, out var mine)) return;
        foreach (var connectionId in mine.Keys)
            await hub.Groups.RemoveFromGroupAsync(connectionId, Chat.GroupName(roomId));
    }
}
