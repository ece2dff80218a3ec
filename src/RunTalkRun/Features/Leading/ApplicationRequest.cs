using NodaTime;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Places;

namespace RunTalkRun.Features.Leading;

/// <summary>An application as the page or the API sends it, checked before anything is saved.</summary>
public record ApplicationRequest(
    string? Kind, string? Group, string? Town, string? Country, string? Region,
    string? Motivation, string? Experience, string? Availability, string? TrainingDone,
    bool? AcceptGuidelines, bool? AcceptLeadersCode)
{
    public const string JoinGroup = "join-group";
    public const string NewGroup = "new-group";
    /// <summary>How close an existing group must be for a "new" town to count as having one.</summary>
    public const double SameTownKm = 5;

    /// <summary>What a check found: the application to save, or errors by field; and for a town that has a group, that group.</summary>
    public record Checked(LeaderApplication? Application, Dictionary<string, string[]> Errors, Group? ExistingGroup, IReadOnlyList<Place> Choices);

    public async Task<Checked> CheckAsync(AppDb db, Gazetteer gazetteer, string memberId, Instant now)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors.TryAdd(field, [message]);
        Group? existing = null;
        IReadOnlyList<Place> choices = [];
        var app = new LeaderApplication { MemberId = memberId, CreatedAt = now, UpdatedAt = now };

        switch (Kind)
        {
            case JoinGroup:
                app.Kind = ApplicationKind.JoinGroup;
                var group = string.IsNullOrWhiteSpace(Group) ? null
                    : await db.Groups.AsNoTracking().Listed().SingleOrDefaultAsync(g => g.Slug == Group.Trim());
                if (group is null) { Add("group", "Choose the group you'd like to lead runs in."); break; }
                if (await db.Memberships.Leading().AnyAsync(m => m.GroupId == group.Id && m.MemberId == memberId))
                    Add("group", $"You already lead runs in {group.Name}.");
                app.GroupId = group.Id;
                app.Town = group.Town;
                app.Country = group.Country;
                app.Latitude = group.Latitude;
                app.Longitude = group.Longitude;
                app.TownKey = $"group:{group.Id}";
                break;
            case NewGroup:
                app.Kind = ApplicationKind.NewGroup;
                var country = Country?.Trim().ToUpperInvariant() ?? "";
                if (!Countries.IsSupported(country)) Add("country", "Choose the country the town is in.");
                var town = Clean(Town);
                if (town.Length == 0) { Add("town", "Enter the town or city where you'd like to start a group."); break; }
                if (town.Length > 120) { Add("town", "The town's name must be 120 characters or fewer."); break; }
                if (errors.ContainsKey("country")) break;
                var key = Gazetteer.Normalise(town);
                var found = gazetteer.Search(town, 50).Where(p => p.Country == country && Gazetteer.Normalise(p.Name) == key).ToList();
                if (found.Count == 0)
                {
                    Add("town", $"We couldn't find {town} in {Countries.NameOf(country)}. Check the spelling, or give the nearest town.");
                    break;
                }
                var place = found.Count == 1 ? found[0] : found.FirstOrDefault(p => p.Region == Region?.Trim());
                if (place is null)
                {
                    choices = found;
                    Add("region", $"There is more than one {found[0].Name} in {Countries.NameOf(country)}. Choose which one.");
                    break;
                }
                app.Town = place.Name;
                app.Region = place.Region;
                app.Country = place.Country;
                app.Latitude = place.Latitude;
                app.Longitude = place.Longitude;
                app.TownKey = LeaderApplication.KeyFor(place.Country, place.Name);
                existing = await ExistingGroupAsync(db, place);
                if (existing is not null)
                    Add("town", $"{place.Name} already has a group: {existing.Name}. You could join it, or apply to lead runs there.");
                break;
            default:
                Add("kind", "Choose whether you'd like to lead runs in a group that exists, or start a group in a new town.");
                break;
        }

        app.Motivation = Text(Motivation, "motivation", "Tell us why you'd like to lead: a sentence or two is plenty.", LeaderApplication.TextMaxLength, Add);
        app.Experience = Text(Experience, "experience", "Tell us a little about your running: how often you run, and whether you've run with a group. No times or distances needed.", LeaderApplication.TextMaxLength, Add);
        app.Availability = Text(Availability, "availability", "Tell us when you could lead, like \"Thursday evenings\" or \"most weekends\".", LeaderApplication.TextMaxLength, Add);
        var training = Clean(TrainingDone);
        if (training.Length > LeaderApplication.TrainingMaxLength) Add("trainingDone", $"Keep the training to {LeaderApplication.TrainingMaxLength} characters or fewer.");
        app.TrainingDone = training.Length == 0 ? null : training;
        if (AcceptGuidelines != true) Add("acceptGuidelines", "To lead, you need to agree to the community guidelines.");
        if (AcceptLeadersCode != true) Add("acceptLeadersCode", "To lead, you need to agree to the leaders' code.");
        app.GuidelinesAcceptedAt = now;
        app.LeadersCodeAcceptedAt = now;
        return new(errors.Count == 0 ? app : null, errors, existing, choices);
    }

    /// <summary>
    /// A group in the same town, or within <see cref="SameTownKm"/> of it, including one that is still
    /// launching (so two approvals can't make two groups in one town).
    /// </summary>
    public static async Task<Group?> ExistingGroupAsync(AppDb db, Place place)
    {
        var key = Gazetteer.Normalise(place.Name);
        var (minLat, maxLat, minLon, maxLon) = Geo.Box(place.Latitude, place.Longitude, 25);
        var nearby = (await db.Groups.AsNoTracking()
                .Where(g => g.Latitude >= minLat && g.Latitude <= maxLat && g.Longitude >= minLon && g.Longitude <= maxLon).ToListAsync())
            .Select(g => (Group: g, Km: Geo.DistanceKm(place.Latitude, place.Longitude, g.Latitude, g.Longitude)))
            .OrderBy(g => g.Km).ToList();
        var sameName = nearby.Where(g => g.Group.Country == place.Country && Gazetteer.Normalise(g.Group.Town) == key).Select(g => g.Group).FirstOrDefault();
        return sameName ?? nearby.Where(g => g.Km <= SameTownKm).Select(g => g.Group).FirstOrDefault();
    }

    static string Text(string? value, string field, string whenEmpty, int max, Action<string, string> add)
    {
        var text = Clean(value);
        if (text.Length == 0) add(field, whenEmpty);
        else if (text.Length > max) add(field, $"Keep this to {max} characters or fewer (it has {text.Length}).");
        return text;
    }

    /// <summary>Trimmed, without control characters other than line breaks (a pasted NUL or escape code goes).</summary>
    public static string Clean(string? value) =>
        new string((value ?? "").Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t').ToArray()).Trim();
}
