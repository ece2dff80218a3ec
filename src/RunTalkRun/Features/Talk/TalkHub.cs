using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace RunTalkRun.Features.Talk;

/// <summary>What the hub answers a page: done, or the plain reason why not; and whether to show the kind note.</summary>
public record HubReply(bool Ok, int Status, string? Error, long? Id = null, bool NeedsCare = false)
{
    public static HubReply From(ChatResult r) => new(r.Ok, r.Status, r.Error, r.Message?.Id, r.NeedsCare);
}

/// <summary>
/// Live chat. A page joins the rooms it shows (each join is checked as the page itself is), then sends and
/// receives messages. Sending here and sending through the page's form or the API are the same thing.
/// </summary>
[Authorize]
public class TalkHub(Rooms rooms, Chat chat, TalkPresence presence) : Hub
{
    string MemberId => Context.UserIdentifier ?? throw new HubException("Sign in to talk.");

    public override Task OnConnectedAsync()
    {
        presence.Connected(Context, MemberId, Accounts.Sessions.IdOf(Context.User));
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        presence.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    public async Task<HubReply> Join(int roomId)
    {
        var refused = Chat.Refusal(await rooms.AccessAsync(roomId, MemberId));
        if (refused is not null) return HubReply.From(refused);
        presence.Joined(Context.ConnectionId, roomId);
        await Groups.AddToGroupAsync(Context.ConnectionId, Chat.GroupName(roomId));
        return new HubReply(true, 200, null);
    }

    public Task Leave(int roomId)
    {
        presence.Left(Context.ConnectionId, roomId);
        return Groups.RemoveFromGroupAsync(Context.ConnectionId, Chat.GroupName(roomId));
    }

    public async Task<HubReply> Send(int roomId, string? text) => HubReply.From(await chat.SendAsync(MemberId, roomId, text));

    public async Task MarkRead(int roomId, long lastId)
    {
        if (lastId > 0 && Chat.Refusal(await rooms.AccessAsync(roomId, MemberId)) is null)
            await chat.MarkReadAsync(MemberId, roomId, lastId);
    }
}
