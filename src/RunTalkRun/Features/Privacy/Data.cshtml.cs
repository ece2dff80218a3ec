using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Privacy;

/// <summary>"Download my data": a JSON file of everything held about the member (the same as GET /api/v1/me/data).</summary>
[Authorize]
public class DataModel(CurrentMember me, MemberData data) : PageModel
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public void OnGet() => Response.Headers.CacheControl = "no-store";

    public async Task<IActionResult> OnPostDownloadAsync()
    {
        if (await data.ForAsync(me.Id!) is not { } export) return Challenge();
        Response.Headers.CacheControl = "no-store";
        return File(JsonSerializer.SerializeToUtf8Bytes(export, Json), "application/json", $"run-talk-run-data-{export.ExportedAt:yyyy-MM-dd}.json");
    }
}
