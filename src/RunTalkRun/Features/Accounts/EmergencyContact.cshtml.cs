using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Accounts;

/// <summary>A member's optional emergency contact: shown only to the leaders of a run they're coming to, on the day.</summary>
[Authorize]
public class EmergencyContactModel(AppDb db, CurrentMember me) : FormPage
{
    public record ContactForm(string? Name = null, string? Phone = null, string? Country = "GB");

    [BindProperty] public ContactForm Input { get; set; } = new();
    public bool HasOne { get; private set; }

    public async Task OnGetAsync()
    {
        var member = await db.Users.AsNoTracking().SingleAsync(u => u.Id == me.Id);
        HasOne = member.EmergencyContactPhone is not null;
        if (HasOne) Input = new(member.EmergencyContactName, EmergencyContact.Display(member.EmergencyContactPhone!), "GB");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var (errors, e164) = EmergencyContact.Check(Input.Name, Input.Phone, Input.Country);
        AddErrors("Input", errors);
        var member = await db.Users.SingleAsync(u => u.Id == me.Id);
        HasOne = member.EmergencyContactPhone is not null;
        if (!ModelState.IsValid) return Page();
        member.EmergencyContactName = Input.Name!.Trim();
        member.EmergencyContactPhone = e164;
        await db.SaveChangesAsync();
        TempData["Notice"] = "Saved. Your run leaders will see it on the day of a run you're coming to, and at no other time.";
        return Redirect("/account/emergency-contact");
    }

    public async Task<IActionResult> OnPostRemoveAsync()
    {
        await db.Users.Where(u => u.Id == me.Id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.EmergencyContactName, (string?)null).SetProperty(u => u.EmergencyContactPhone, (string?)null));
        TempData["Notice"] = "Removed. We no longer hold an emergency contact for you.";
        return Redirect("/account/emergency-contact");
    }
}
