using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using RunTalkRun.Features.Jobs;

namespace RunTalkRun.Features.Privacy;

/// <summary>The privacy notice: what is held, why, who sees it and for how long, with the periods this instance is set to.</summary>
[OutputCache(PolicyName = Shared.WebSetup.PublicMinute)]
public class NoticeModel(IOptions<RetentionSettings> retention, IOptions<JobSettings> jobs) : PageModel
{
    public RetentionSettings Retention => retention.Value;
    public int RegisterDays => jobs.Value.RegisterRetentionDays;

    public static string Days(int days) => days switch
    {
        1 => "a day",
        _ when days % 365 == 0 => days == 365 ? "a year" : $"{days / 365} years",
        _ => $"{days} days",
    };

    public static string Cap(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public void OnGet() { }
}
