using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Talk;

/// <summary>Change your own message, or report someone else's: one small form each.</summary>
[Authorize]
public class EditMessageModel(AppDb db, CurrentMember me, Rooms rooms, Chat chat) : FormPage
{
    public ChatMessage Message { get; private set; } = null!;
    public string RoomName { get; private set; } = "";
    public string Country { get; private set; } = "";
    [BindProperty] public string? Text { get; set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        Text = Message.Text;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        var result = await chat.EditAsync(me.Id!, id, Text);
        if (!result.Ok)
        {
            ModelState.AddModelError(nameof(Text), result.Error!);
            return Page();
        }
        if (result.NeedsCare) TempData["Care"] = true;
        else TempData["Notice"] = "Your message is changed.";
        return Redirect($"/talk/{Message.RoomId}#m{id}");
    }

    async Task<IActionResult?> LoadAsync(long id)
    {
        var message = await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id);
        if (message is null) return NotFound();
        var access = await rooms.AccessAsync(message.RoomId, me.Id!);
        if (access is null || access.IsHidden) return NotFound(); // a message in a room they may not know exists
        if (Chat.Refusal(access) is not null || message.AuthorId != me.Id) return Forbid();
        if (message.IsGone) return NotFound();
        (Message, RoomName, Country) = (message, access!.Name, access.HelpCountry);
        return null;
    }
}
