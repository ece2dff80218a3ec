using NodaTime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Leading;

namespace RunTalkRun.Features.Hq;

/// <summary>HQ's review queue: applications waiting for HQ first, oldest first; then those waiting for the applicant; then the decided.</summary>
[Authorize]
public class ApplicationsModel(AppDb db, CurrentMember me) : PageModel
{
    public record Row(int Id, string What, string Country, string Nickname, ApplicationStatus Status, string StatusText, Instant CreatedAt, Instant UpdatedAt);

    public List<Row> Waiting { get; private set; } = [];
    public List<Row> WithApplicant { get; private set; } = [];
    public List<Row> Decided { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await me.IsHqAdminAsync()) return Forbid();
        var all = await db.Applications.AsNoTracking().Include(a => a.Group).Include(a => a.Member)
            .OrderBy(a => a.UpdatedAt).ToListAsync();
        var rows = all.Select(a => new Row(a.Id, a.What, a.Country, a.Member?.Nickname ?? "", a.Status, a.HqStatusText, a.CreatedAt, a.UpdatedAt)).ToList();
        Waiting = rows.Where(r => r.Status == ApplicationStatus.Submitted).ToList();
        WithApplicant = rows.Where(r => r.Status == ApplicationStatus.QuestionAsked).ToList();
        Decided = rows.Where(r => r.Status is ApplicationStatus.Approved or ApplicationStatus.Declined).OrderByDescending(r => r.UpdatedAt).Take(50).ToList();
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
