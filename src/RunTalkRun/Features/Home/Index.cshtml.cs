using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Home;

public class IndexModel(AppDb db) : PageModel
{
    public int GroupCount { get; private set; }
    public int CountryCount { get; private set; }

    public async Task OnGetAsync()
    {
        GroupCount = await db.Groups.CountAsync(g => g.Status == GroupStatus.Active);
        CountryCount = await db.Groups.Where(g => g.Status == GroupStatus.Active).Select(g => g.Country).Distinct().CountAsync();
    }
}
