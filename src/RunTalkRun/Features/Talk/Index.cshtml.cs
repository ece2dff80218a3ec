using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Talk;

/// <summary>Your rooms, with what you haven't read yet.</summary>
[Authorize]
public class IndexModel(CurrentMember me, RoomList list, ModerationQueue queue) : PageModel
{
    public List<RoomListing> Rooms { get; private set; } = [];
    public bool Moderates { get; private set; }
    public bool InAGroup { get; private set; }

    public async Task OnGetAsync()
    {
        Rooms = await list.MineAsync(me.Id!);
        Moderates = await queue.ModeratesAnyAsync(me.Id!);
        InAGroup = Rooms.Any(r => r.Kind == RoomKind.Group);
        Response.Headers.CacheControl = "no-store";
    }
}
