using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Talk;

/// <summary>
/// A room: its latest messages and a form to write. Works as a plain page with forms; with JavaScript,
/// messages arrive live and the form sends without reloading.
/// </summary>
[Authorize]
public class RoomPageModel(AppDb db, CurrentMember me, Rooms rooms, Chat chat, Moderation moderation, IOptions<TalkSettings> settings, NodaTime.IClock clock) : FormPage
{
    public RoomAccess Access { get; private set; } = null!;
    /// <summary>When the page is shown: a message from another year says its year.</summary>
    public NodaTime.Instant Now => now ??= clock.GetCurrentInstant();
    NodaTime.Instant? now;
    public List<HistoryItem> Messages { get; private set; } = [];
    public long? Earlier { get; private set; }
    public bool ShowCare { get; private set; }
    public string MeId => me.Id!;

    [BindProperty] public string? Text { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, long? before)
    {
        if (await LoadAsync(id, before) is { } refused) return refused;
        ShowCare = TempData["Care"] is true; // read once: shown after the redirect, not again
        if (before is null && Messages.Count > 0) await chat.MarkReadAsync(MeId, id, Messages[^1].Message.Id);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var result = await chat.SendAsync(MeId, id, Text);
        if (result.Ok)
        {
            if (result.NeedsCare) TempData["Care"] = true;
            return Redirect($"/talk/{id}#m{result.Message!.Id}");
        }
        if (await LoadAsync(id, null) is { } refused) return refused;
        ModelState.AddModelError(nameof(Text), result.Error!);
        return Page();
    }

    /// <summary>The message asked about before it is deleted (the first tap); null once confirmed or never asked.</summary>
    public ChatMessage? ConfirmingDelete { get; private set; }

    /// <summary>
    /// Deleting takes two taps without JavaScript: the first shows what will happen and asks; only a post with
    /// confirm=yes deletes.
    /// </summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id, long messageId, string? confirm)
    {
        if (confirm == "yes") return await ActAsync(id, () => chat.DeleteAsync(MeId, messageId), "Your message is deleted.");
        if (await LoadAsync(id, null) is { } refused) return refused;
        var message = await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == messageId && m.RoomId == id);
        if (message is null) return NotFound();
        if (message.AuthorId != MeId) return Forbid();
        if (message.IsGone) return Redirect($"/talk/{id}#m{messageId}");
        ConfirmingDelete = message;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public Task<IActionResult> OnPostHideAsync(int id, long messageId) =>
        ActAsync(id, () => moderation.HideAsync(MeId, messageId, null), "The message is hidden. Its writer and the room see that a moderator hid it.", moderating: true);

    public Task<IActionResult> OnPostUnhideAsync(int id, long messageId) =>
        ActAsync(id, () => moderation.UnhideAsync(MeId, messageId), "The message is shown again.", moderating: true);

    async Task<IActionResult> ActAsync(int id, Func<Task<ChatResult>> action, string done, bool moderating = false)
    {
        if (await LoadAsync(id, null) is { } refused) return refused;
        if (moderating && !Access.CanModerate) return Forbid();
        var result = await action();
        if (!result.Ok)
        {
            if (result.Status == 404) return NotFound();
            if (result.Problem is ChatProblem.NotYours or ChatProblem.NotInRoom) return Forbid();
            await LoadAsync(id, null);
            ModelState.AddModelError("", result.Error!);
            return Page();
        }
        TempData["Notice"] = done;
        return Redirect($"/talk/{id}");
    }

    async Task<IActionResult?> LoadAsync(int id, long? before)
    {
        var access = await rooms.AccessAsync(id, MeId);
        if (access is null || access.IsHidden) return NotFound(); // the same for a room they may not know exists
        if (Chat.Refusal(access) is not null) return Forbid();
        Access = access;
        Messages = await History.PageAsync(db, id, before, settings.Value.PageSize);
        Earlier = await History.HasEarlierAsync(db, id, Messages) ? Messages[0].Message.Id : null;
        return null;
    }
}
