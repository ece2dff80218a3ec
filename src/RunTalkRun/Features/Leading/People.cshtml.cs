using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Audit;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Leading;

/// <summary>A group's people by nickname and role, for its organisers (and HQ admins) to choose its leaders.</summary>
[Authorize]
public class PeopleModel(AppDb db, GroupRoles roles, CurrentMember me, IClock clock) : FormPage
{
    [BindProperty] public string? MemberId { get; set; }
    [BindProperty] public string? Role { get; set; }

    public Group Group { get; private set; } = null!;
    public List<GroupRoles.Person> People { get; private set; } = [];
    public Dictionary<string, string> Training { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug) => await LoadAsync(slug) ?? Page();

    public async Task<IActionResult> OnPostRoleAsync(string slug)
    {
        if (await LoadAsync(slug) is { } refused) return refused;
        ModelState.Clear();
        var person = People.FirstOrDefault(p => p.MemberId == MemberId);
        if (person is null) return NotFound();
        if (GroupRoles.Parse(Role) is not { } role)
        {
            ModelState.AddModelError("", "Choose organiser, leader or member.");
            return Page();
        }
        if (await roles.ChangeAsync(Group, MemberId, role, me.Id!, clock.GetCurrentInstant()) is { } refusal)
        {
            ModelState.AddModelError("", refusal.Message);
            return Page();
        }
        TempData["Notice"] = $"{person.Nickname} is {GroupRoles.WithArticle(role)} of {Group.Name} now.";
        return Redirect($"/groups/{Group.Slug}/people");
    }

    async Task<IActionResult?> LoadAsync(string slug)
    {
        var group = await db.Groups.AsNoTracking().SingleOrDefaultAsync(g => g.Slug == slug);
        if (group is null) return NotFound();
        if (!await me.CanOrganiseAsync(group.Id)) return Forbid();
        Group = group;
        (People, Training) = await GroupRoles.ReadAsync(db, group, me.Id!, clock.GetCurrentInstant());
        Response.Headers.CacheControl = "no-store";
        return null;
    }
}
