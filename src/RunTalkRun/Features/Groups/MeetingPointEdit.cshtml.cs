using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Places;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Groups;

/// <summary>Add a meeting point ("new") or change one: name, address, where it is, facilities and accessibility.</summary>
[Authorize]
public class MeetingPointEditModel(AppDb db, CurrentMember me, IClock clock) : FormPage
{
    public class PointForm
    {
        public string? Name { get; set; }
        public string? Address { get; set; }
        /// <summary>"latitude, longitude", as map apps copy them.</summary>
        public string? Coordinates { get; set; }
        public bool IsBase { get; set; }
        public bool HasToilets { get; set; }
        public bool HasWater { get; set; }
        public bool HasBagDrop { get; set; }
        public bool HasChangingRooms { get; set; }
        public bool StepFree { get; set; }
        public bool BuggyFriendly { get; set; }
        public bool WheelchairFriendly { get; set; }
        public string? AccessibilityNotes { get; set; }
    }

    public static readonly (string Key, string Label)[] Facilities =
    [
        ("HasToilets", "Toilets"), ("HasWater", "Drinking water"), ("HasBagDrop", "Somewhere to leave a bag"), ("HasChangingRooms", "Changing rooms"),
    ];
    public static readonly (string Key, string Label)[] Access =
    [
        ("StepFree", "Step-free: no steps to reach it"), ("BuggyFriendly", "Buggy friendly: the route suits a buggy"), ("WheelchairFriendly", "Wheelchair friendly: the meeting point and route suit a wheelchair"),
    ];

    [BindProperty] public PointForm Input { get; set; } = new();

    public Group Group { get; private set; } = null!;
    public MeetingPoint? Point { get; private set; }
    public bool IsNew => Point is null;

    /// <summary>A map of the group's town to click on; the click fills in the coordinates field.</summary>
    public MapView Map => new($"Map for choosing where {Point?.Name ?? "the meeting point"} is", [new MapPoint(Group.Town, Group.Latitude, Group.Longitude)], PickerFor: "Input_Coordinates");

    public async Task<IActionResult> OnGetAsync(string slug, string id)
    {
        if (await LoadAsync(slug, id) is { } refused) return refused;
        if (Point is not null) Fill();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, string id)
    {
        if (await LoadAsync(slug, id) is { } refused) return refused;
        ModelState.Clear();
        double? lat = null, lon = null;
        if (!string.IsNullOrWhiteSpace(Input.Coordinates))
        {
            if (PlacesApi.ParseNear(Input.Coordinates, out _) is { } at) (lat, lon) = at;
            else ModelState.AddModelError("Input.Coordinates", "Give the latitude and the longitude separated by a comma, like 52.5736, -0.2410.");
        }
        var request = new MeetingPointRequest(Input.Name, Input.Address, lat, lon,
            Input.IsBase ? true : Point is { IsBase: true } ? false : null,
            Input.HasToilets, Input.HasWater, Input.HasBagDrop, Input.HasChangingRooms, Input.StepFree, Input.BuggyFriendly, Input.WheelchairFriendly, Input.AccessibilityNotes);
        if (ModelState.IsValid)
        {
            AddErrors("Input", await MeetingPoints.SaveAsync(db, Group, Point ?? new MeetingPoint(), request));
        }
        if (!ModelState.IsValid) return Page();
        TempData["Notice"] = IsNew ? $"{request.Name!.Trim()} is added. You can choose it for a series or a single run." : "Saved.";
        return Redirect($"/groups/{Group.Slug}/manage#meeting-points");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string slug, string id)
    {
        if (await LoadAsync(slug, id) is { } refused) return refused;
        if (Point is null) return NotFound();
        ModelState.Clear();
        Fill();
        if (await MeetingPoints.DeleteAsync(db, Group, Point, clock.GetCurrentInstant()) is { } refusal)
        {
            ModelState.AddModelError("", refusal);
            return Page();
        }
        TempData["Notice"] = $"{Point.Name} is removed.";
        return Redirect($"/groups/{Group.Slug}/manage#meeting-points");
    }

    void Fill()
    {
        var p = Point!;
        Input = new PointForm
        {
            Name = p.Name, Address = p.Address, Coordinates = FormatCoordinates(p.Latitude, p.Longitude), IsBase = p.IsBase,
            HasToilets = p.HasToilets, HasWater = p.HasWater, HasBagDrop = p.HasBagDrop, HasChangingRooms = p.HasChangingRooms,
            StepFree = p.StepFree, BuggyFriendly = p.BuggyFriendly, WheelchairFriendly = p.WheelchairFriendly, AccessibilityNotes = p.AccessibilityNotes,
        };
    }

    public bool Checked(string key) => key switch
    {
        "HasToilets" => Input.HasToilets, "HasWater" => Input.HasWater, "HasBagDrop" => Input.HasBagDrop, "HasChangingRooms" => Input.HasChangingRooms,
        "StepFree" => Input.StepFree, "BuggyFriendly" => Input.BuggyFriendly, "WheelchairFriendly" => Input.WheelchairFriendly, "IsBase" => Input.IsBase,
        _ => false,
    };

    public static string FormatCoordinates(double lat, double lon) =>
        $"{lat.ToString("0.######", CultureInfo.InvariantCulture)}, {lon.ToString("0.######", CultureInfo.InvariantCulture)}";

    async Task<IActionResult?> LoadAsync(string slug, string id)
    {
        var group = await db.Groups.SingleOrDefaultAsync(g => g.Slug == slug);
        if (group is null) return NotFound();
        if (!await me.CanLeadAsync(group.Id)) return Forbid();
        Group = group;
        if (id == "new") return null;
        if (!int.TryParse(id, out var pointId)) return NotFound();
        Point = await db.MeetingPoints.SingleOrDefaultAsync(m => m.Id == pointId && m.GroupId == group.Id);
        return Point is null ? NotFound() : null;
    }
}
