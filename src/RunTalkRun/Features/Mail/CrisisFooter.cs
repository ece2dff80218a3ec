using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Help;

namespace RunTalkRun.Features.Mail;

/// <summary>
/// The crisis lines at the foot of every mail, for the recipient's country, from crisis-lines.json
/// (<see cref="CrisisLines"/>): never typed by hand. The country is the mail's group's, else that of
/// the first group the recipient joined, else the site's default.
/// </summary>
public static class CrisisFooter
{
    public static async Task<string> CountryAsync(AppDb db, string memberId, int? groupId)
    {
        if (groupId is { } id && await db.Groups.Where(g => g.Id == id).Select(g => g.Country).SingleOrDefaultAsync() is { } country)
            return country;
        return await db.Memberships.Where(m => m.MemberId == memberId).OrderBy(m => m.JoinedAt).Select(m => m.Group!.Country).FirstOrDefaultAsync()
            ?? CrisisLines.DefaultCountry;
    }

    public static string Text(string country)
    {
        var help = CrisisLines.For(country);
        var lines = string.Join("\n", help.Helplines.Select(l => $"{l.Name}: {l.Number}. {l.Description}"));
        return $"""
            Run Talk Run is peer support, not professional help. If you need help now:
            {lines}
            In an emergency call {help.Emergency.Number}.
            """;
    }
}
