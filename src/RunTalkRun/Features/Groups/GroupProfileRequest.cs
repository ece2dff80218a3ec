using RunTalkRun.Features.Places;

namespace RunTalkRun.Features.Groups;

/// <summary>What an organiser or leader may change about the group itself: its description and its links.</summary>
public record GroupProfileRequest(string? About, string? WebsiteUrl, string? InstagramUrl, string? FacebookUrl)
{
    public Dictionary<string, string[]> Check()
    {
        var errors = new Dictionary<string, string[]>();
        var about = About?.Trim() ?? "";
        if (about.Length == 0) errors["about"] = ["Say a few words about the group: where you run and what a newcomer can expect."];
        else if (about.Length > 4000) errors["about"] = ["The description must be 4,000 characters or fewer."];
        CheckLink(errors, "websiteUrl", "website", WebsiteUrl, null);
        CheckLink(errors, "instagramUrl", "Instagram", InstagramUrl, ["instagram.com"]);
        CheckLink(errors, "facebookUrl", "Facebook", FacebookUrl, ["facebook.com", "fb.com"]);
        return errors;
    }

    static void CheckLink(Dictionary<string, string[]> errors, string field, string what, string? value, string[]? hosts)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) return;
        if (text.Length > 300) { errors[field] = [$"The {what} address must be 300 characters or fewer."]; return; }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(uri.Host) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            errors[field] = [$"Give the {what} address in full, starting with https://"];
            return;
        }
        if (hosts is not null && !hosts.Any(h => uri.Host.Equals(h, StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith("." + h, StringComparison.OrdinalIgnoreCase)))
            errors[field] = [$"That isn't a {what} address. It should start with https://www.{hosts[0]}/"];
    }

    static string? Link(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public void ApplyTo(Group group)
    {
        group.About = About!.Trim();
        group.WebsiteUrl = Link(WebsiteUrl);
        group.InstagramUrl = Link(InstagramUrl);
        group.FacebookUrl = Link(FacebookUrl);
    }

    public static GroupProfileRequest From(Group g) => new(g.About, g.WebsiteUrl, g.InstagramUrl, g.FacebookUrl);
}
