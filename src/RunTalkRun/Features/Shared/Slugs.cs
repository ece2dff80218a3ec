namespace RunTalkRun.Features.Shared;

/// <summary>The words forms and the API use for an enum's values ("in-progress", "leaders-code"), read back.</summary>
public static class Slugs
{
    /// <summary>The value whose slug is <paramref name="slug"/> (ignoring case and spaces around it), or null.</summary>
    public static T? Parse<T>(string? slug, Func<T, string> slugOf) where T : struct, Enum
    {
        var wanted = slug?.Trim().ToLowerInvariant();
        foreach (var value in Enum.GetValues<T>())
            if (slugOf(value) == wanted) return value;
        return null;
    }
}
