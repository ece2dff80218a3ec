using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Talk;

/// <summary>A moderator mutes a member in a room (for a day, a week, or until lifted) or removes them from it.</summary>
[Authorize]
public class MemberModerationModel(AppDb db, CurrentMember me, Rooms rooms, Moderation moderation) : FormPage
{
    public RoomAccess Access { get; private set; } = null!;
    public string Nickname { get; private set; } = "";
    public RoomBan? Ban { get; private set; }
    [BindProperty] public string? Action { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public static readonly (string Value, string Label)[] Choices =
    [
        ("mute-day", "Pause their messages for a day"),
        ("mute-week", "Pause their messages for a week"),
        ("mute", "Pause their messages until a moderator lifts it"),
        ("remove", "Remove them from this room: they can't read or write here"),
    ];

    public async Task<IActionResult> OnGetAsync(int id, string memberId) => await LoadAsync(id, memberId) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, string memberId)
    {
        if (await LoadAsync(id, memberId) is { } refused) return refused;
        (BanKind Kind, int? Hours)? choice = Action switch
        {
            "mute-day" => (BanKind.Muted, 24), "mute-week" => (BanKind.Muted, 24 * 7), "mute" => (BanKind.Muted, null), "remove" => (BanKind.Removed, null), _ => null,
        };
        if (choice is null)
        {
            ModelState.AddModelError(nameof(Action), "Choose what to do.");
            return Page();
        }
        var result = await moderation.BanAsync(me.Id!, id, memberId, choice.Value.Kind, choice.Value.Hours, Reason);
        if (!result.Ok)
        {
            ModelState.AddModelError(result.Error!.Contains("reason") ? nameof(Reason) : nameof(Action), result.Error!);
            return Page();
        }
        TempData["Notice"] = choice.Value.Kind == BanKind.Removed ? $"{Nickname} is removed from this room." : $"{Nickname}'s messages are paused here.";
        return Redirect($"/talk/{id}");
    }

    public async Task<IActionResult> OnPostLiftAsync(int id, string memberId)
    {
        if (await LoadAsync(id, memberId) is { } refused) return refused;
        var result = await moderation.LiftAsync(me.Id!, id, memberId);
        TempData["Notice"] = result.Ok ? $"{Nickname} can write here again." : result.Error;
        return Redirect($"/talk/{id}");
    }

    async Task<IActionResult?> LoadAsync(int id, string memberId)
    {
        var access = await rooms.AccessAsync(id, me.Id!);
        if (access is null || access.IsHidden) return NotFound(); // the same for a room they may not know exists
        if (!access.CanModerate) return Forbid();
        var nickname = await db.Users.Where(u => u.Id == memberId).Select(u => u.Nickname).SingleOrDefaultAsync();
        if (nickname is null) return NotFound();
        (Access, Nickname) = (access, nickname);
        Ban = await db.RoomBans.AsNoTracking().SingleOrDefaultAsync(b => b.RoomId == id && b.MemberId == memberId);
        return null;
    }
}
