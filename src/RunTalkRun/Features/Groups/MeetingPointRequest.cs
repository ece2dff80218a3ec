using RunTalkRun.Features.Places;

namespace RunTalkRun.Features.Groups;

/// <summary>
/// A meeting point as an organiser or leader describes it, on the page or through the API, checked
/// before anything is saved. Facilities left out are "no".
/// </summary>
public record MeetingPointRequest(
    string? Name, string? Address, double? Latitude, double? Longitude, bool? IsBase = null,
    bool? HasToilets = null, bool? HasWater = null, bool? HasBagDrop = null, bool? HasChangingRooms = null,
    bool? StepFree = null, bool? BuggyFriendly = null, bool? WheelchairFriendly = null, string? AccessibilityNotes = null)
{
    /// <summary>A meeting point further than this from the group's town is almost always a typing slip (latitude and longitude swapped).</summary>
    public const double MaxKmFromTown = 100;

    public Dictionary<string, string[]> Check(Group group)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        var name = Name?.Trim() ?? "";
        if (name.Length == 0) Add("name", "Give the meeting point a name people will recognise, like \"The Embankment\".");
        else if (name.Length > 120) Add("name", "The name must be 120 characters or fewer.");
        if ((Address?.Trim().Length ?? 0) > 300) Add("address", "The address must be 300 characters or fewer.");
        if ((AccessibilityNotes?.Trim().Length ?? 0) > 1000) Add("accessibilityNotes", "Accessibility notes must be 1,000 characters or fewer.");

        if (Latitude is not { } lat || Longitude is not { } lon)
            Add("coordinates", "Give the meeting point's latitude and longitude, like 52.5736, -0.2410.");
        else if (!Geo.IsValid(lat, lon))
            Add("coordinates", "Latitude must be between -90 and 90, and longitude between -180 and 180.");
        else if (Geo.DistanceKm(lat, lon, group.Latitude, group.Longitude) is var km && km > MaxKmFromTown)
            Add("coordinates", $"That spot is {km:#,0} km from {group.Town}. Check the coordinates: latitude (north–south) comes first.");
        return errors;
    }

    public void ApplyTo(MeetingPoint point)
    {
        point.Name = Name!.Trim();
        point.Address = Address?.Trim() ?? "";
        point.Latitude = Math.Round(Latitude!.Value, 6);
        point.Longitude = Math.Round(Longitude!.Value, 6);
        point.HasToilets = HasToilets == true;
        point.HasWater = HasWater == true;
        point.HasBagDrop = HasBagDrop == true;
        point.HasChangingRooms = HasChangingRooms == true;
        point.StepFree = StepFree == true;
        point.BuggyFriendly = BuggyFriendly == true;
        point.WheelchairFriendly = WheelchairFriendly == true;
        point.AccessibilityNotes = AccessibilityNotes?.Trim() ?? "";
    }

    public static MeetingPointRequest From(MeetingPoint m) => new(m.Name, m.Address, m.Latitude, m.Longitude, m.IsBase,
        m.HasToilets, m.HasWater, m.HasBagDrop, m.HasChangingRooms, m.StepFree, m.BuggyFriendly, m.WheelchairFriendly, m.AccessibilityNotes);
}
