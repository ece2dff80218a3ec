using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Talk;

/// <summary>
/// The moderation queue: reported and flagged messages in the rooms you moderate, and what moderators did
/// there. Someone who moderates no room sees an empty queue.
/// </summary>
[Authorize]
public class ModerationPageModel(CurrentMember me, ModerationQueue queue, Moderation moderation) : FormPage
{
    public List<QueueItem> Waiting { get; private set; } = [];
    public List<LoggedAction> Log { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public Task<IActionResult> OnPostHideAsync(long messageId) => DecideAsync(() => moderation.HideAsync(me.Id!, messageId, null), "Hidden. The room sees \"hidden by a moderator\".");

    public Task<IActionResult> OnPostKeepAsync(long messageId) => DecideAsync(() => moderation.KeepAsync(me.Id!, messageId, null), "Kept, and taken off the queue.");

    // The decision runs after the page has loaded: one request, one database context, one thing at a time.
    async Task<IActionResult> DecideAsync(Func<Task<ChatResult>> decide, string done)
    {
        if (await LoadAsync() is { } refused) return refused;
        var result = await decide();
        if (!result.Ok)
        {
            if (result.Status == 404) return NotFound();
            if (result.Problem == ChatProblem.NotInRoom) return Forbid();
            ModelState.AddModelError("", result.Error!);
            return Page();
        }
        TempData["Notice"] = done;
        return Redirect("/talk/moderation");
    }

    async Task<IActionResult?> LoadAsync()
    {
        Waiting = await queue.WaitingAsync(me.Id!);
        Log = await queue.LogAsync(me.Id!);
        Response.Headers.CacheControl = "no-store";
        return null;
    }
}
