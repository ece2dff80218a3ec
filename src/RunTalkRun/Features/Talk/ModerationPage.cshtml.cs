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
public class ModerationPageModel(CurrentMember me, ModerationQueue queue, Moderation moderation, NodaTime.IClock clock) : FormPage
{
    /// <summary>When the page is shown: a time from another year says its year.</summary>
    public NodaTime.Instant Now { get; } = clock.GetCurrentInstant();
    public List<QueueItem> Waiting { get; private set; } = [];
    public List<LoggedAction> Log { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public Task<IActionResult> OnPostHideAsync(long messageId) => DecideAsync(() => moderation.HideAsync(me.Id!, messageId, null), "Hidden. The room sees \"hidden by a moderator\".");

    public Task<IActionResult> OnPostKeepAsync(long messageId) => DecideAsync(() => moderation.KeepAsync(me.Id!, messageId, null), "Kept, and taken off the queue.");

    // One request, one database context: the decision first, the queue only if the page is shown again.
    async Task<IActionResult> DecideAsync(Func<Task<ChatResult>> decide, string done)
    {
        var result = await decide();
        if (!result.Ok)
        {
            if (result.Status == 404) return NotFound();
            if (result.Problem == ChatProblem.NotInRoom) return Forbid();
            await LoadAsync(); // the queue is read only when the page is shown again
            ModelState.AddModelError("", result.Error!);
            return Page();
        }
        TempData["Notice"] = done;
        return Redirect("/talk/moderation");
    }

    async Task LoadAsync()
    {
        Waiting = await queue.WaitingAsync(me.Id!);
        Log = await queue.LogAsync(me.Id!);
        Response.Headers.CacheControl = "no-store";
    }
}
