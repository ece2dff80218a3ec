using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Talk;

[Authorize]
public class ReportMessageModel(AppDb db, CurrentMember me, Rooms rooms, Moderation moderation) : FormPage
{
    public HistoryItem Item { get; private set; } = null!;
    public string RoomName { get; private set; } = "";
    public string Country { get; private set; } = "";
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(long id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        var result = await moderation.ReportAsync(me.Id!, id, Reason);
        if (!result.Ok)
        {
            if (result.Problem is ChatProblem.Duplicate) { TempData["Notice"] = result.Error; return Redirect($"/talk/{Item.Message.RoomId}"); }
            ModelState.AddModelError(nameof(Reason), result.Error!);
            return Page();
        }
        TempData["Notice"] = "Thank you. A moderator will look at it. The writer isn't told who reported it.";
        return Redirect($"/talk/{Item.Message.RoomId}");
    }

    async Task<IActionResult?> LoadAsync(long id)
    {
        var item = await db.Messages.AsNoTracking().Where(m => m.Id == id).Select(m => new HistoryItem(m, m.Author!.Nickname)).SingleOrDefaultAsync();
        if (item is null) return NotFound();
        var access = await rooms.AccessAsync(item.Message.RoomId, me.Id!);
        if (access is null || access.IsHidden) return NotFound(); // a message in a room they may not know exists
        if (Chat.Refusal(access) is not null) return Forbid();
        (Item, RoomName, Country) = (item, access!.Name, access.HelpCountry);
        return null;
    }
}
