using NodaTime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Places;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Leading;

/// <summary>Apply to lead runs in a group, or to start a group in a town that has none.</summary>
[Authorize]
public class ApplyModel(AppDb db, CurrentMember me, Applications applications) : FormPage
{
    public class ApplyForm
    {
        public string? Kind { get; set; }
        public string? Group { get; set; }
        public string? Town { get; set; }
        public string? Country { get; set; } = "GB";
        public string? Region { get; set; }
        public string? Motivation { get; set; }
        public string? Experience { get; set; }
        public string? Availability { get; set; }
        public string? TrainingDone { get; set; }
        public bool AcceptGuidelines { get; set; }
        public bool AcceptLeadersCode { get; set; }
    }

    public record Mine(int Id, string What, string Status, Instant CreatedAt);

    [BindProperty] public ApplyForm Input { get; set; } = new();
    public List<Group> Groups { get; private set; } = [];
    public List<Mine> MyApplications { get; private set; } = [];
    /// <summary>When the town already has a group: that group, to offer joining it.</summary>
    public Group? ExistingGroup { get; private set; }
    public IReadOnlyList<Place> RegionChoices { get; private set; } = [];
    public LeaderApplication? Duplicate { get; private set; }

    public async Task OnGetAsync(string? group, string? town, string? country, string? kind)
    {
        await LoadAsync();
        if (kind is ApplicationRequest.JoinGroup or ApplicationRequest.NewGroup) Input.Kind = kind;
        if (group is not null && Groups.Any(g => g.Slug == group)) { Input.Kind = ApplicationRequest.JoinGroup; Input.Group = group; }
        if (town is not null) { Input.Kind = ApplicationRequest.NewGroup; Input.Town = town; }
        if (Countries.IsSupported(country)) Input.Country = country!.ToUpperInvariant();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        ModelState.Clear();
        var member = (await me.GetAsync())!;
        var request = new ApplicationRequest(Input.Kind, Input.Group, Input.Town, Input.Country, Input.Region, Input.Motivation, Input.Experience,
            Input.Availability, Input.TrainingDone, Input.AcceptGuidelines, Input.AcceptLeadersCode);
        var result = await applications.SubmitAsync(member, request);
        AddErrors("Input", result.Check.Errors);
        ExistingGroup = result.Check.ExistingGroup;
        RegionChoices = result.Check.Choices;
        if (result.Duplicate is { } duplicate)
        {
            Duplicate = duplicate;
            ModelState.AddModelError(duplicate.Kind == ApplicationKind.NewGroup ? "Input.Town" : "Input.Group",
                $"You've already applied to {duplicate.WhatInSentence}, and HQ hasn't decided yet. You can add to it on its page.");
        }
        if (result.Application is not { } app) return Page();
        TempData["Notice"] = "Thank you: your application is with HQ. We've emailed you a copy of the link to this page.";
        return Redirect($"/applications/{app.Id}");
    }

    async Task LoadAsync()
    {
        Groups = await db.Groups.AsNoTracking().Listed().OrderBy(g => g.Country).ThenBy(g => g.Name).ToListAsync();
        var id = me.Id;
        var mine = await db.Applications.AsNoTracking().Include(a => a.Group).Where(a => a.MemberId == id)
            .OrderByDescending(a => a.CreatedAt).ToListAsync();
        MyApplications = mine.Select(a => new Mine(a.Id, a.What, a.StatusText, a.CreatedAt)).ToList();
    }
}
